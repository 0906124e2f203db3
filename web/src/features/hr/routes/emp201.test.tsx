import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { GraphqlRequestError } from '@/lib/errors';
import { renderWithApp } from '@/test/render';

import { CoidaEstimateQuery } from '../api/get-coida-estimate';
import { Emp201Query } from '../api/get-emp201';
import { Emp201Route } from './emp201';

const execute = vi.hoisted(() => vi.fn());
vi.mock('@/lib/graphql', () => ({ execute }));

const SLOW = { timeout: 5000 };
const PAYROLL_OFFICER = ['hr.employees.read', 'hr.payroll.read'];

const FEBRUARY = { month: '2026-02-01', runs: 1, employees: 2, gross: '90000.00', paye: '15000.00', sdl: '900.00', uif: '708.48', total: '16608.48' };

// Two employees, one earning past the year's maximum; at 0.15 per R100 the assessable
// earnings come to R 985.99, under the minimum assessment, so the minimum is assessed.
const ESTIMATE = {
  assessmentYear: 2025,
  startsOn: '2024-03-01',
  endsOn: '2025-02-28',
  source: 'Compensation Fund, earnings limits for the 2025 assessment year',
  tariffPerHundred: '0.15',
  maximumEarnings: '597328.00',
  minimumAssessment: '1360.00',
  lines: [
    { employeeId: 'e-1', name: 'Sam Petersen', earnings: '60000.00', assessable: '60000.00' },
    { employeeId: 'e-2', name: 'Lerato Mokoena', earnings: '700000.00', assessable: '597328.00' },
  ],
  earnings: '760000.00',
  assessableEarnings: '657328.00',
  atTariff: '985.99',
  assessment: '1360.00',
  minimumApplied: true,
};

function answering(coida: () => Promise<unknown>) {
  execute.mockImplementation(async (document: unknown) => {
    if (document === Emp201Query) return { emp201: [FEBRUARY] };
    if (document === CoidaEstimateQuery) return coida();
    throw new Error('unexpected document');
  });
}

function show() {
  renderWithApp(<Emp201Route />, { permissions: PAYROLL_OFFICER, path: '/hr/emp201' });
  return userEvent.setup({ delay: null });
}

const coidaCalls = () => execute.mock.calls.filter(([document]) => document === CoidaEstimateQuery);

beforeEach(() => {
  execute.mockReset();
});

describe('the COIDA assessment estimate on the EMP201', () => {
  it('sits under the months and refuses a tariff that is not more than 0 and less than 100, sending nothing', async () => {
    answering(async () => ({ coidaEstimate: ESTIMATE }));
    const user = show();
    expect(await screen.findByRole('table', { name: 'EMP201 months' }, SLOW)).toBeInTheDocument();
    const section = screen.getByRole('region', { name: 'COIDA assessment estimate' });
    expect(within(section).getByRole('heading', { level: 2, name: 'COIDA assessment estimate' })).toBeInTheDocument();
    const form = within(section).getByRole('form', { name: 'COIDA estimate' });
    expect(within(form).getByRole('option', { name: '2026 (Mar 2025 – Feb 2026)' })).toBeInTheDocument();
    expect(within(form).getByRole('option', { name: '2025 (Mar 2024 – Feb 2025)' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Estimate' }));
    expect(await screen.findByText(/^Required/, {}, SLOW)).toBeInTheDocument();

    await user.type(screen.getByLabelText(/^Tariff/), '0');
    expect(screen.getByText('More than 0 and less than 100')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Tariff/)).toHaveAttribute('aria-invalid', 'true');
    await user.click(screen.getByRole('button', { name: 'Estimate' }));

    await user.clear(screen.getByLabelText(/^Tariff/));
    await user.type(screen.getByLabelText(/^Tariff/), 'abc');
    expect(screen.getByText('A number with at most 4 decimal places, e.g. 1.25')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Estimate' }));

    await user.clear(screen.getByLabelText(/^Tariff/));
    await user.type(screen.getByLabelText(/^Tariff/), '100');
    expect(screen.getByText('More than 0 and less than 100')).toBeInTheDocument();
    await user.clear(screen.getByLabelText(/^Tariff/));
    await user.type(screen.getByLabelText(/^Tariff/), '1.23456');
    expect(screen.getByText('A number with at most 4 decimal places, e.g. 1.25')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Estimate' }));

    expect(coidaCalls()).toHaveLength(0);
    expect(screen.queryByRole('table', { name: 'COIDA earnings' })).not.toBeInTheDocument();
  });

  it('sends the year and the tariff and shows the employees, the totals and the minimum applying', async () => {
    answering(async () => ({ coidaEstimate: ESTIMATE }));
    const user = show();
    await user.selectOptions(screen.getByLabelText(/^Assessment year/), '2025');
    await user.type(screen.getByLabelText(/^Tariff/), '0.15');
    await user.click(screen.getByRole('button', { name: 'Estimate' }));

    const table = await screen.findByRole('table', { name: 'COIDA earnings' }, SLOW);
    expect(coidaCalls()).toEqual([[CoidaEstimateQuery, { year: 2025, tariffPerHundred: '0.15' }]]);
    expect(within(table).getByRole('row', { name: 'Sam Petersen' })).toHaveTextContent('Sam PetersenR 60 000.00R 60 000.00');
    expect(within(table).getByRole('row', { name: 'Lerato Mokoena' })).toHaveTextContent('Lerato MokoenaR 700 000.00R 597 328.00');
    expect(within(table).getByRole('row', { name: 'Total' })).toHaveTextContent('TotalR 760 000.00R 657 328.00');

    const summary = screen.getByRole('table', { name: 'COIDA assessment' });
    const row = (label: string) => within(summary).getByRole('row', { name: new RegExp(`^${label.replace(/[()]/g, '\\$&')}`) });
    expect(row('Assessment year')).toHaveTextContent('2025 (2024-03-01 – 2025-02-28)');
    expect(row('Tariff (R per R100)')).toHaveTextContent('0.15');
    expect(row('Earnings')).toHaveTextContent('R 760 000.00');
    expect(row('Assessable earnings')).toHaveTextContent('R 657 328.00');
    expect(row('At tariff')).toHaveTextContent('R 985.99');
    expect(row('Maximum earnings per employee')).toHaveTextContent('R 597 328.00');
    expect(row('Minimum assessment')).toHaveTextContent('R 1 360.00');
    expect(row('Assessment R')).toHaveTextContent('R 1 360.00');
    expect(screen.getByText(/^The minimum assessment applies/)).toHaveTextContent('The minimum assessment applies: the tariff gives R 985.99, less than R 1 360.00.');
    expect(screen.getByText('Compensation Fund, earnings limits for the 2025 assessment year')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says nothing of the minimum when the tariff’s figure is above it', async () => {
    answering(async () => ({ coidaEstimate: { ...ESTIMATE, tariffPerHundred: '1.25', atTariff: '8216.60', assessment: '8216.60', minimumApplied: false } }));
    const user = show();
    await user.type(screen.getByLabelText(/^Tariff/), '1.25');
    await user.click(screen.getByRole('button', { name: 'Estimate' }));

    const summary = await screen.findByRole('table', { name: 'COIDA assessment' }, SLOW);
    expect(within(summary).getByRole('row', { name: /^Assessment R/ })).toHaveTextContent('R 8 216.60');
    expect(screen.queryByText(/^The minimum assessment applies/)).not.toBeInTheDocument();
  });

  it('shows the server’s refusal in an alert, in its words, and marks the year', async () => {
    answering(async () => {
      throw new GraphqlRequestError([{ message: 'year: no COIDA earnings limits for the 2026 assessment year are loaded', extensions: { code: 'BAD_USER_INPUT' } }], 200);
    });
    const user = show();
    await user.selectOptions(screen.getByLabelText(/^Assessment year/), '2026');
    await user.type(screen.getByLabelText(/^Tariff/), '1.25');
    await user.click(screen.getByRole('button', { name: 'Estimate' }));

    expect(await screen.findByRole('alert', {}, SLOW)).toHaveTextContent('No COIDA earnings limits for the 2026 assessment year are loaded.');
    expect(coidaCalls()).toEqual([[CoidaEstimateQuery, { year: 2026, tariffPerHundred: '1.25' }]]);
    expect(screen.getByLabelText(/^Assessment year/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('table', { name: 'COIDA earnings' })).not.toBeInTheDocument();
  });
});
