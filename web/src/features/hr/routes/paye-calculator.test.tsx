import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { GraphqlRequestError } from '@/lib/errors';
import { isoDate } from '@/lib/format';
import { renderWithApp } from '@/test/render';

import { PayeCalculationQuery } from '../api/get-paye-calculation';
import { PayeCalculatorRoute } from './paye-calculator';

const execute = vi.hoisted(() => vi.fn());
vi.mock('@/lib/graphql', () => ({ execute }));

const SLOW = { timeout: 5000 };
const PAYROLL_OFFICER = ['hr.employees.read', 'hr.payroll.read'];

// docs/payroll.md's example: R30 000 in November 2025, aged 40, three on a medical scheme.
const ANSWER = {
  taxYear: 2026,
  tableSource: 'SARS, Rates of Tax for Individuals (2026 tax year)',
  annualEquivalent: '360000.00',
  annualTax: '57397.00',
  medicalCredits: '974.00',
  paye: '3809.08',
  uifEmployee: '177.12',
  uifEmployer: '177.12',
  sdl: '300.00',
};

function show() {
  renderWithApp(<PayeCalculatorRoute />, { permissions: PAYROLL_OFFICER, path: '/hr/paye-calculator' });
  return userEvent.setup({ delay: null });
}

async function fill(user: ReturnType<typeof userEvent.setup>, { payDate, amount, age, members }: { payDate?: string; amount?: string; age?: string; members?: string }) {
  if (payDate !== undefined) {
    await user.clear(screen.getByLabelText(/^Pay date/));
    await user.type(screen.getByLabelText(/^Pay date/), payDate);
  }
  if (amount !== undefined) await user.type(screen.getByLabelText(/^Monthly remuneration/), amount);
  if (age !== undefined) await user.type(screen.getByLabelText(/^Age/), age);
  if (members !== undefined) {
    await user.clear(screen.getByLabelText(/^Medical scheme members/));
    await user.type(screen.getByLabelText(/^Medical scheme members/), members);
  }
}

beforeEach(() => {
  execute.mockReset();
});

describe('the PAYE calculator', () => {
  it('starts on today and refuses what is not an amount, an age or a count, sending nothing', async () => {
    const user = show();
    expect(screen.getByLabelText(/^Pay date/)).toHaveValue(isoDate());
    expect(screen.getByLabelText(/^Medical scheme members/)).toHaveValue('0');

    await user.click(screen.getByRole('button', { name: 'Calculate' }));
    expect(await screen.findAllByText('Required', {}, SLOW)).toHaveLength(2);

    await fill(user, { amount: '30000.555', age: '131', members: '-1' });
    expect(screen.getByText('An amount in rand with at most two decimal places, e.g. 30000.00')).toBeInTheDocument();
    expect(screen.getByText('A whole number of years from 0 to 130')).toBeInTheDocument();
    expect(screen.getByText(/^A whole number, nought or more/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Calculate' }));

    await user.clear(screen.getByLabelText(/^Monthly remuneration/));
    await user.type(screen.getByLabelText(/^Monthly remuneration/), '-10');
    expect(screen.getByText('Nought or more')).toBeInTheDocument();
    await user.clear(screen.getByLabelText(/^Age/));
    await user.type(screen.getByLabelText(/^Age/), '40.5');
    expect(screen.getByText('A whole number of years from 0 to 130')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Calculate' }));

    expect(execute).not.toHaveBeenCalled();
    expect(screen.queryByRole('table', { name: 'PAYE calculation' })).not.toBeInTheDocument();
  });

  it('sends the figures as typed and shows the server’s answer with the net pay', async () => {
    execute.mockImplementation(async (document: unknown) => {
      if (document === PayeCalculationQuery) return { payeCalculation: ANSWER };
      throw new Error('unexpected document');
    });
    const user = show();
    await fill(user, { payDate: '2025-11-25', amount: '30000', age: '40', members: '3' });
    await user.click(screen.getByRole('button', { name: 'Calculate' }));

    const table = await screen.findByRole('table', { name: 'PAYE calculation' }, SLOW);
    expect(execute).toHaveBeenCalledWith(PayeCalculationQuery, { payDate: '2025-11-25', monthlyRemuneration: '30000', age: 40, medicalMembers: 3 });
    const row = (label: string) => within(table).getByRole('row', { name: new RegExp(`^${label.replace(/[()]/g, '\\$&')}`) });
    expect(row('Tax year')).toHaveTextContent('2026 (1 March 2025 – 28 February 2026)');
    expect(row('Table source')).toHaveTextContent('SARS, Rates of Tax for Individuals (2026 tax year)');
    expect(row('Monthly remuneration')).toHaveTextContent('R 30 000.00');
    expect(row('Annual equivalent')).toHaveTextContent('R 360 000.00');
    expect(row('Annual tax')).toHaveTextContent('R 57 397.00');
    expect(row('Medical scheme fees tax credits')).toHaveTextContent('R 974.00');
    expect(row('PAYE')).toHaveTextContent('R 3 809.08');
    expect(row('UIF (employee)')).toHaveTextContent('R 177.12');
    expect(row('UIF (employer)')).toHaveTextContent('R 177.12');
    expect(row('SDL')).toHaveTextContent('R 300.00');
    // 30 000.00 − 3 809.08 − 177.12
    expect(row('Net pay')).toHaveTextContent('R 26 013.80');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows the server’s refusal in an alert, in its words, and marks the pay date', async () => {
    execute.mockRejectedValue(
      new GraphqlRequestError([{ message: 'payDate: no SARS tax table for the 2027 tax year (2026-03-01 to 2027-02-28) is loaded', extensions: { code: 'BAD_USER_INPUT' } }], 200),
    );
    const user = show();
    await fill(user, { payDate: '2026-03-25', amount: '30000', age: '40' });
    await user.click(screen.getByRole('button', { name: 'Calculate' }));

    expect(await screen.findByRole('alert', {}, SLOW)).toHaveTextContent('No SARS tax table for the 2027 tax year (2026-03-01 to 2027-02-28) is loaded.');
    expect(screen.getByLabelText(/^Pay date/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('table', { name: 'PAYE calculation' })).not.toBeInTheDocument();
  });
});
