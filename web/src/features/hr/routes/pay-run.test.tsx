import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { GraphqlRequestError } from '@/lib/errors';
import { renderWithApp } from '@/test/render';

import { ApprovePayRunMutation } from '../api/approve-pay-run';
import { CalculatePayRunMutation } from '../api/calculate-pay-run';
import { PayRunQuery } from '../api/get-pay-run';
import { PayRunWhatIfQuery } from '../api/get-pay-run-what-if';
import { PayRunsQuery } from '../api/get-pay-runs';
import { PayslipsQuery } from '../api/get-payslips';
import { OpenPayRunMutation } from '../api/open-pay-run';
import { PayRunRoute } from './pay-run';
import { PayRunsRoute } from './pay-runs';
import { PayslipRoute } from './payslip';

const execute = vi.hoisted(() => vi.fn());
vi.mock('@/lib/graphql', () => ({ execute }));

const SLOW = { timeout: 5000 };
const PAYROLL_OFFICER = ['hr.employees.read', 'hr.payroll.read', 'hr.payroll.run'];
const HR_MANAGER = ['hr.employees.read', 'hr.employees.write', 'hr.payroll.read', 'hr.payroll.approve'];
const AUDITOR = ['hr.employees.read', 'hr.payroll.read'];

const ZERO = { employees: 0, gross: '0.00', paye: '0.00', uifEmployee: '0.00', uifEmployer: '0.00', sdl: '0.00', net: '0.00' };
const run = (patch: Record<string, unknown> = {}) => ({
  id: 'run-1',
  frequency: 'MONTHLY',
  periodStart: '2026-02-01',
  periodEnd: '2026-02-28',
  payDate: '2026-02-25',
  status: 'DRAFT',
  ...ZERO,
  calculatedBy: null,
  approvedBy: null,
  paidOn: null,
  reverseReason: null,
  updatedAt: '2026-02-20T08:00:00Z',
  ...patch,
});

// docs/payroll.md: R30 000 in February 2026 at 46 — PAYE R4 783.08, UIF R177.12 each, SDL R300.
const SLIP = {
  payRunId: 'run-1',
  employeeId: 'emp-3',
  employeeNumber: 'EMP-2003',
  name: 'Thandi Mokoena',
  taxNumber: '0123456789',
  payDate: '2026-02-25',
  periodStart: '2026-02-01',
  periodEnd: '2026-02-28',
  runStatus: 'CALCULATED',
  taxYear: 2026,
  age: 46,
  medicalMembers: 0,
  earnings: [{ description: 'Salary', amount: '30000.00', projectId: 'PRJ-HR-1', costCode: 'SUPERVISION' }],
  gross: '30000.00',
  annualEquivalent: '360000.00',
  medicalCredits: '0.00',
  paye: '4783.08',
  uifEmployee: '177.12',
  uifEmployer: '177.12',
  sdl: '300.00',
  net: '25039.80',
};
const CALCULATED = { status: 'CALCULATED', employees: 1, gross: '30000.00', paye: '4783.08', uifEmployee: '177.12', uifEmployer: '177.12', sdl: '300.00', net: '25039.80', calculatedBy: 'lerato.payroll' };

let runs: Record<string, unknown>[] = [];
let slips: Record<string, unknown>[] = [];

function serve(refuse?: Error) {
  execute.mockImplementation(async (document: unknown, variables: Record<string, unknown>) => {
    if (document === PayRunsQuery) return { payRuns: runs };
    if (document === PayRunQuery) return { payRun: runs.find((r) => r.id === variables.id) ?? null };
    if (document === PayslipsQuery) return { payslips: slips.filter((s) => !variables.employeeId || s.employeeId === variables.employeeId) };
    if (document === PayRunWhatIfQuery) {
      const corrections = variables.corrections as { medicalMembers: number | null }[];
      return {
        payRunWhatIf: [
          {
            employeeId: 'emp-3',
            name: 'Thandi Mokoena',
            approved: { taxYear: 2026, age: 46, medicalMembers: 0, gross: '30000.00', paye: '4783.08', net: '25039.80' },
            recalculated: { taxYear: variables.taxYear, age: 46, medicalMembers: corrections[0]?.medicalMembers ?? 0, gross: '30000.00', paye: '4055.08', net: '25767.80' },
            payeDifference: '-728.00',
            netDifference: '728.00',
          },
        ],
      };
    }
    if (refuse) throw refuse;
    if (document === OpenPayRunMutation) {
      runs = [run({ id: 'run-2', periodStart: variables.periodStart, periodEnd: variables.periodEnd, payDate: variables.payDate }), ...runs];
      return { openPayRun: { id: 'run-2', correlationId: 'c1' } };
    }
    if (document === CalculatePayRunMutation) {
      runs = runs.map((r) => (r.id === variables.id ? { ...r, ...CALCULATED, updatedAt: '2026-02-21T08:00:00Z' } : r));
      slips = [SLIP];
      return { calculatePayRun: { id: variables.id, payslips: 1, skipped: ['Kagiso Molefe: no profile'], correlationId: 'c2' } };
    }
    if (document === ApprovePayRunMutation) {
      runs = runs.map((r) => (r.id === variables.id ? { ...r, status: 'APPROVED', approvedBy: 'ayanda.hr' } : r));
      slips = slips.map((s) => ({ ...s, runStatus: 'APPROVED' }));
      return { approvePayRun: { id: variables.id, correlationId: 'c3' } };
    }
    throw new Error(`an unexpected request: ${String(document).slice(0, 60)}`);
  });
}

const showRun = (permissions: string[]) =>
  renderWithApp(
    <Routes>
      <Route path="/hr/pay-runs/:id" element={<PayRunRoute />} />
    </Routes>,
    { permissions, path: '/hr/pay-runs/run-1' },
  );

beforeEach(() => {
  execute.mockReset();
  runs = [run()];
  slips = [];
  serve();
});

describe('the pay runs', () => {
  it('lists the runs with their totals; New pay run only for payroll', async () => {
    runs = [run({ ...CALCULATED, status: 'APPROVED' })];
    renderWithApp(<PayRunsRoute />, { permissions: AUDITOR, path: '/hr/pay-runs' });
    const row = await screen.findByRole('row', { name: 'Monthly 2026-02-01 – 2026-02-28' }, SLOW);
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual(['Monthly 2026-02-01 – 2026-02-28', '2026-02-25', 'Approved', '1', 'R 30 000.00', 'R 4 783.08', 'R 177.12', 'R 177.12', 'R 300.00', 'R 25 039.80']);
    expect(within(row).getByRole('link')).toHaveAttribute('href', '/hr/pay-runs/run-1');
    expect(screen.queryByRole('button', { name: 'New pay run' })).not.toBeInTheDocument();
  });

  it('shows the server’s refusal of a pay date without a SARS table, the pay date marked', async () => {
    serve(new GraphqlRequestError([{ message: 'payDate: no SARS tax table for the 2027 tax year (1 March 2026 to end February 2027) is loaded', extensions: { code: 'BAD_USER_INPUT' } }], 200));
    const user = userEvent.setup({ delay: null });
    renderWithApp(<PayRunsRoute />, { permissions: PAYROLL_OFFICER, path: '/hr/pay-runs' });
    await user.click(await screen.findByRole('button', { name: 'New pay run' }, SLOW));
    const form = await screen.findByRole('form', { name: 'New pay run' }, SLOW);
    await user.clear(within(form).getByLabelText(/^Period starts/));
    await user.type(within(form).getByLabelText(/^Period starts/), '2026-03-01');
    expect(within(form).getByLabelText(/^Period ends/)).toHaveValue('2026-03-31');
    await user.clear(within(form).getByLabelText(/^Pay date/));
    await user.type(within(form).getByLabelText(/^Pay date/), '2026-03-25');
    await user.click(within(form).getByRole('button', { name: 'Open pay run' }));
    expect(await within(form).findByRole('alert', {}, SLOW)).toHaveTextContent('No SARS tax table for the 2027 tax year (1 March 2026 to end February 2027) is loaded.');
    expect(within(form).getByLabelText(/^Pay date/)).toHaveAttribute('aria-invalid', 'true');
    expect(execute).toHaveBeenCalledWith(OpenPayRunMutation, { frequency: 'MONTHLY', periodStart: '2026-03-01', periodEnd: '2026-03-31', payDate: '2026-03-25' });
  });

  it('refuses a period that is not a calendar month before anything is sent', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithApp(<PayRunsRoute />, { permissions: PAYROLL_OFFICER, path: '/hr/pay-runs' });
    await user.click(await screen.findByRole('button', { name: 'New pay run' }, SLOW));
    const form = await screen.findByRole('form', { name: 'New pay run' }, SLOW);
    await user.clear(within(form).getByLabelText(/^Period starts/));
    await user.type(within(form).getByLabelText(/^Period starts/), '2026-02-02');
    expect(within(form).getByText('A monthly run starts on the first of a month')).toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: 'Open pay run' }));
    expect(execute).not.toHaveBeenCalledWith(OpenPayRunMutation, expect.anything());
  });
});

describe('a pay run', () => {
  it('lets payroll calculate it and shows who was left out, the payslips and their totals', async () => {
    const user = userEvent.setup({ delay: null });
    showRun(PAYROLL_OFFICER);
    expect(await screen.findByText('Not calculated yet.', {}, SLOW)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Calculate' }));
    const skipped = await screen.findByRole('list', { name: 'Skipped employees' }, SLOW);
    expect(skipped).toHaveTextContent('Kagiso Molefe: no profile');
    const slip = await within(await screen.findByRole('table', { name: 'Payslips' }, SLOW)).findByRole('row', { name: 'Thandi Mokoena' }, SLOW);
    expect(within(slip).getAllByRole('cell').map((c) => c.textContent)).toEqual(['EMP-2003', 'Thandi Mokoena', '0123456789', '46', '0', 'R 30 000.00', 'R 4 783.08', 'R 177.12', 'R 177.12', 'R 300.00', 'R 25 039.80']);
    expect(within(slip).getByRole('link', { name: 'Thandi Mokoena' })).toHaveAttribute('href', '/hr/payslips/run-1/emp-3');
    expect(screen.getByRole('row', { name: 'Total' })).toHaveTextContent('R 25 039.80');
    expect(screen.getByRole('button', { name: 'Calculate again' })).toBeInTheDocument();
    // Payroll officers do not approve.
    expect(screen.queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
  });

  it('lets HR approve a calculated run, and shows the server’s refusal in its words', async () => {
    runs = [run(CALCULATED)];
    slips = [SLIP];
    serve(new GraphqlRequestError([{ message: 'the pay run is approved by someone other than whoever calculated it', extensions: { code: 'BAD_USER_INPUT' } }], 200));
    const user = userEvent.setup({ delay: null });
    showRun(HR_MANAGER);
    await user.click(await screen.findByRole('button', { name: 'Approve' }, SLOW));
    expect(await screen.findByRole('alert', {}, SLOW)).toHaveTextContent('The pay run is approved by someone other than whoever calculated it.');
    expect(screen.queryByRole('button', { name: 'Calculate again' })).not.toBeInTheDocument();

    serve();
    await user.click(screen.getByRole('button', { name: 'Approve' }));
    expect(await within(screen.getByRole('table', { name: 'Pay run details' })).findByText('Approved', {}, SLOW)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Reverse…' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Mark paid' })).not.toBeInTheDocument();
  });

  it('recalculates under another tax year with corrections, writing nothing', async () => {
    runs = [run(CALCULATED)];
    slips = [SLIP];
    const user = userEvent.setup({ delay: null });
    showRun(AUDITOR);
    const panel = await screen.findByRole('form', { name: 'What-if' }, SLOW);
    expect(screen.queryByRole('button', { name: /Calculate|Approve/ })).not.toBeInTheDocument();
    await user.selectOptions(within(panel).getByLabelText(/^Tax year/), '2025');
    await user.type(within(panel).getByLabelText('Thandi Mokoena medical members'), '2');
    await user.click(within(panel).getByRole('button', { name: 'Recalculate' }));
    const line = await within(await screen.findByRole('table', { name: 'What-if result' }, SLOW)).findByRole('row', { name: 'Thandi Mokoena' });
    expect(within(line).getAllByRole('cell').map((c) => c.textContent)).toEqual(['Thandi Mokoena', '2026 → 2025', 'R 4 783.08', 'R 4 055.08', '-R 728.00', 'R 25 039.80', 'R 25 767.80', 'R 728.00']);
    expect(execute).toHaveBeenCalledWith(PayRunWhatIfQuery, { id: 'run-1', taxYear: 2025, corrections: [{ employeeId: 'emp-3', medicalMembers: 2, age: null, gross: null }] });
  });
});

describe('a payslip', () => {
  it('renders the employer, employee, period, earnings, deductions, net and employer contributions', async () => {
    slips = [{ ...SLIP, runStatus: 'APPROVED' }];
    renderWithApp(
      <Routes>
        <Route path="/hr/payslips/:runId/:employeeId" element={<PayslipRoute />} />
      </Routes>,
      { permissions: ['hr.employees.read_own'], path: '/hr/payslips/run-1/emp-3' },
    );
    const doc = await screen.findByRole('article', { name: 'Payslip of Thandi Mokoena, 2026-02-25' }, SLOW);
    expect(doc).toHaveTextContent('ConstructOS demo');
    expect(within(doc).getByRole('table', { name: 'Employee' })).toHaveTextContent('0123456789');
    expect(within(doc).getByRole('table', { name: 'Period' })).toHaveTextContent('2026-02-01 – 2026-02-28');
    expect(within(doc).getByRole('table', { name: 'Period' })).toHaveTextContent('2026 (1 March 2025 – 28 February 2026)');
    expect(within(doc).getByRole('table', { name: 'Earnings' })).toHaveTextContent('SalaryPRJ-HR-1 / SUPERVISIONR 30 000.00');
    const deductions = within(doc).getByRole('table', { name: 'Deductions' });
    expect(deductions).toHaveTextContent('PAYER 4 783.08');
    expect(deductions).toHaveTextContent('Net payR 25 039.80');
    expect(within(doc).getByRole('table', { name: 'Employer contributions' })).toHaveTextContent('SDL (1%)R 300.00');
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalled();
  });
});
