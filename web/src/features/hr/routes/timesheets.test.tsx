import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { renderWithApp } from '@/test/render';

import { DecideTimesheetMutation } from '../api/decide-timesheet';
import { EmployeesQuery } from '../api/get-employees';
import { MyEmployeeQuery } from '../api/get-my-employee';
import { HrProjectCodesQuery } from '../api/get-project-codes';
import { TimesheetQuery } from '../api/get-timesheet';
import { TimesheetsQuery } from '../api/get-timesheets';
import { SubmitTimesheetMutation } from '../api/submit-timesheet';
import { TimesheetsRoute } from './timesheets';

const execute = vi.hoisted(() => vi.fn());
vi.mock('@/lib/graphql', () => ({ execute }));

const SLOW = { timeout: 5000 };
const SITE_MANAGER = ['orders.projects.read_assigned', 'hr.employees.read_own', 'hr.leave.self_service', 'hr.timesheets.write', 'hr.timesheets.approve'];
const PAYROLL = ['hr.employees.read', 'hr.payroll.read'];

// docs: Sipho's week — 45 ordinary, 2 overtime, 3 double; R 4 320 at R 80 an hour.
const week = (patch: Record<string, unknown> = {}) => ({
  id: 'ts-1',
  employeeId: 'emp-2',
  employeeName: 'Sipho Ndlovu',
  weekStarting: '2026-02-02',
  status: 'SUBMITTED',
  entries: [
    { day: '2026-02-02', projectId: 'p-1', costCode: 'BRICKWORK', ordinary: '8', overtime: '2', double: '0' },
    { day: '2026-02-08', projectId: 'p-1', costCode: 'CLEANUP', ordinary: '0', overtime: '0', double: '3' },
  ],
  projects: ['p-1'],
  ordinaryHours: '45.00',
  overtimeHours: '2.00',
  doubleHours: '3.00',
  costRate: '80.00',
  totalCost: null,
  grossPay: null,
  decidedBy: null,
  rejectReason: null,
  updatedAt: '2026-02-09T08:00:00Z',
  ...patch,
});

let sheets: Record<string, unknown>[] = [];

beforeEach(() => {
  execute.mockReset();
  sheets = [week()];
  execute.mockImplementation(async (document: unknown, variables: Record<string, unknown>) => {
    if (document === TimesheetsQuery) return { timesheets: sheets };
    if (document === TimesheetQuery) return { timesheet: sheets.find((s) => s.id === variables.id) ?? null };
    if (document === EmployeesQuery) return { employees: [] };
    if (document === MyEmployeeQuery) return { me: { subject: 'sipho.site', assignments: { employeeId: null } } };
    if (document === HrProjectCodesQuery) return { projects: [{ id: 'p-1', code: 'PRJ-HR-1', name: 'Payroll house' }] };
    if (document === DecideTimesheetMutation) {
      sheets = sheets.map((s) => (s.id === variables.id ? { ...s, status: variables.approve ? 'APPROVED' : 'REJECTED', decidedBy: 'sipho.site', totalCost: '4320.00', grossPay: '2430.00' } : s));
      return { decideTimesheet: { id: variables.id, correlationId: 'c1' } };
    }
    if (document === SubmitTimesheetMutation) {
      sheets = sheets.map((s) => (s.id === 'ts-1' ? { ...s, updatedAt: '2026-02-10T08:00:00Z' } : s));
      return { submitTimesheet: { id: 'ts-1', correlationId: 'c2' } };
    }
    throw new Error(`an unexpected request: ${String(document).slice(0, 60)}`);
  });
});

describe('the timesheets', () => {
  it('lists the weeks with their hours and lets an approver approve one, costed once read back', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithApp(<TimesheetsRoute />, { permissions: SITE_MANAGER, path: '/hr/timesheets' });
    const row = await screen.findByRole('row', { name: 'Sipho Ndlovu, week of 2026-02-02' }, SLOW);
    expect(within(row).getAllByRole('cell').map((c) => c.textContent).slice(0, 9)).toEqual(['2026-02-02', 'Sipho Ndlovu', 'Submitted', '45', '2', '3', 'R 80.00', '—', '—']);
    await user.click(within(row).getByRole('button', { name: 'Show entries of Sipho Ndlovu, week of 2026-02-02' }));
    expect(await screen.findByRole('table', { name: 'Entries of Sipho Ndlovu, week of 2026-02-02' }, SLOW)).toHaveTextContent('PRJ-HR-1 Payroll house');
    await user.click(within(row).getByRole('button', { name: 'Approve the week of 2026-02-02 of Sipho Ndlovu' }));
    expect(await within(screen.getByRole('row', { name: 'Sipho Ndlovu, week of 2026-02-02' })).findByText('R 4 320.00', {}, SLOW)).toBeInTheDocument();
    expect(execute).toHaveBeenCalledWith(DecideTimesheetMutation, { id: 'ts-1', approve: true, reason: null });
  });

  it('puts a week back in the grid to edit, and resubmits it for the same employee', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithApp(<TimesheetsRoute />, { permissions: SITE_MANAGER, path: '/hr/timesheets' });
    await user.click(await screen.findByRole('button', { name: 'Edit the week of 2026-02-02 of Sipho Ndlovu' }, SLOW));
    expect(screen.getByLabelText(/^Week starting/)).toHaveValue('2026-02-02');
    expect(screen.getByRole('combobox', { name: 'Row 1 project' })).toHaveValue('PRJ-HR-1');
    expect(screen.getByLabelText('Row 1 Monday hours')).toHaveValue('10');
    expect(screen.getByLabelText('Row 2 Sunday hours')).toHaveValue('3');
    expect(screen.getByLabelText('Week total')).toHaveTextContent(/^13$/);
    await user.click(screen.getByRole('button', { name: 'Submit timesheet' }));
    expect(await screen.findByText(/The week of 2026-02-02 was submitted for Sipho Ndlovu/, {}, SLOW)).toBeInTheDocument();
    expect(execute).toHaveBeenCalledWith(SubmitTimesheetMutation, {
      employeeId: 'emp-2',
      weekStarting: '2026-02-02',
      entries: [
        { day: '2026-02-02', projectId: 'PRJ-HR-1', costCode: 'BRICKWORK', hours: '10' },
        { day: '2026-02-08', projectId: 'PRJ-HR-1', costCode: 'CLEANUP', hours: '3' },
      ],
    });
  });

  it('shows payroll the weeks without the grid or decisions', async () => {
    renderWithApp(<TimesheetsRoute />, { permissions: PAYROLL, path: '/hr/timesheets' });
    const row = await screen.findByRole('row', { name: 'Sipho Ndlovu, week of 2026-02-02' }, SLOW);
    expect(within(row).queryByRole('button', { name: /Approve|Edit/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Timesheet' })).not.toBeInTheDocument();
  });
});
