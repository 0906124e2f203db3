import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { GraphqlRequestError } from '@/lib/errors';
import { renderWithApp } from '@/test/render';

import { CancelLeaveMutation } from '../api/cancel-leave';
import { DecideLeaveMutation } from '../api/decide-leave';
import { EmployeesQuery } from '../api/get-employees';
import { LeaveBalancesQuery } from '../api/get-leave-balances';
import { LeaveRequestsQuery } from '../api/get-leave-requests';
import { MyEmployeeQuery } from '../api/get-my-employee';
import { RequestLeaveMutation } from '../api/request-leave';
import { LeaveRoute } from './leave';

const execute = vi.hoisted(() => vi.fn());
vi.mock('@/lib/graphql', () => ({ execute }));

const SLOW = { timeout: 5000 };
const EMPLOYEE = ['hr.employees.read_own', 'hr.leave.self_service'];

const request = (patch: Record<string, unknown>) => ({
  id: 'lr-1',
  employeeId: 'emp-1',
  employeeName: 'Kagiso Molefe',
  kind: 'ANNUAL',
  firstDay: '2099-02-09',
  lastDay: '2099-02-13',
  days: '5',
  reason: 'Family holiday',
  status: 'PENDING',
  decidedBy: null,
  declineReason: null,
  requestedAt: '2026-01-10T08:00:00Z',
  ...patch,
});

let requests: Record<string, unknown>[] = [];

function serve(refuse?: Error) {
  execute.mockImplementation(async (document: unknown, variables: Record<string, unknown>) => {
    if (document === MyEmployeeQuery) return { me: { subject: 'kagiso', assignments: { employeeId: 'emp-1' } } };
    if (document === EmployeesQuery) return { employees: [{ id: 'emp-1', employeeNumber: 'EMP-2001', firstName: 'Kagiso', lastName: 'Molefe', jobTitle: 'Site agent', hiredOn: '2024-03-01', siteId: null, lastDay: null, employmentType: 'PERMANENT', trade: null }] };
    if (document === LeaveBalancesQuery) return { leaveBalances: [{ kind: 'ANNUAL', cycleStart: '2025-03-01', cycleEnd: '2026-02-28', entitled: '13.75', taken: '5', pending: '0', available: '8.75' }] };
    if (document === LeaveRequestsQuery)
      return { leaveRequests: requests.filter((r) => (!variables.employeeId || r.employeeId === variables.employeeId) && (!variables.pendingOnly || r.status === 'PENDING')) };
    if (refuse) throw refuse;
    if (document === RequestLeaveMutation) {
      requests = [request({ id: 'lr-9', firstDay: variables.from, lastDay: variables.to, reason: variables.reason, kind: variables.kind }), ...requests];
      return { requestLeave: { id: 'lr-9', correlationId: 'c1' } };
    }
    if (document === CancelLeaveMutation) {
      requests = requests.map((r) => (r.id === variables.requestId ? { ...r, status: 'CANCELLED' } : r));
      return { cancelLeave: { id: variables.requestId, correlationId: 'c2' } };
    }
    if (document === DecideLeaveMutation) {
      requests = requests.map((r) => (r.id === variables.requestId ? { ...r, status: variables.approve ? 'APPROVED' : 'DECLINED', decidedBy: 'Kagiso Molefe', declineReason: variables.reason } : r));
      return { decideLeave: { id: variables.requestId, correlationId: 'c3' } };
    }
    throw new Error(`an unexpected request: ${String(document).slice(0, 60)}`);
  });
}

beforeEach(() => {
  execute.mockReset();
  requests = [request({}), request({ id: 'lr-2', employeeId: 'emp-3', employeeName: 'Thandi Mokoena', firstDay: '2099-03-02', lastDay: '2099-03-06', reason: 'School holiday' })];
  serve();
});

describe('leave', () => {
  it('shows my balances and my requests, and cancels a pending one', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithApp(<LeaveRoute />, { permissions: EMPLOYEE, path: '/hr/leave' });
    const annual = await within(await screen.findByRole('table', { name: 'Leave balances' }, SLOW)).findByRole('row', { name: 'Annual' });
    expect(within(annual).getAllByRole('cell').map((c) => c.textContent)).toEqual(['Annual', '2025-03-01 – 2026-02-28', '13.75', '5', '0', '8.75']);
    const mine = await screen.findByRole('table', { name: 'My leave requests' }, SLOW);
    expect(within(mine).getAllByRole('row')).toHaveLength(2);
    await user.click(within(mine).getByRole('button', { name: 'Cancel leave from 2099-02-09' }));
    expect(await within(mine).findByText('Cancelled', {}, SLOW)).toBeInTheDocument();
    expect(execute).toHaveBeenCalledWith(CancelLeaveMutation, { employeeId: 'emp-1', requestId: 'lr-1' });
  });

  it('shows the server’s refusal of a request past the balance, in its words', async () => {
    serve(new GraphqlRequestError([{ message: '20 of annual leave asked, 8.75 available on 2099-02-02 (13.75 entitled in the cycle from 2098-03-01, 5 taken, 0 pending)', extensions: { code: 'BAD_USER_INPUT' } }], 200));
    const user = userEvent.setup({ delay: null });
    renderWithApp(<LeaveRoute />, { permissions: EMPLOYEE, path: '/hr/leave' });
    const form = await screen.findByRole('form', { name: 'Request leave' }, SLOW);
    await user.clear(within(form).getByLabelText(/^From/));
    await user.type(within(form).getByLabelText(/^From/), '2099-02-02');
    await user.clear(within(form).getByLabelText(/^To/));
    await user.type(within(form).getByLabelText(/^To/), '2099-02-27');
    await user.type(within(form).getByLabelText(/^Reason/), 'Long trip');
    await user.click(within(form).getByRole('button', { name: 'Request leave' }));
    expect(await within(form).findByRole('alert', {}, SLOW)).toHaveTextContent('20 of annual leave asked, 8.75 available on 2099-02-02');
    expect(execute).toHaveBeenCalledWith(RequestLeaveMutation, { employeeId: 'emp-1', kind: 'ANNUAL', from: '2099-02-02', to: '2099-02-27', reason: 'Long trip' });
  });

  it('refuses a last day before the first before anything is sent', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithApp(<LeaveRoute />, { permissions: EMPLOYEE, path: '/hr/leave' });
    const form = await screen.findByRole('form', { name: 'Request leave' }, SLOW);
    await user.clear(within(form).getByLabelText(/^From/));
    await user.type(within(form).getByLabelText(/^From/), '2099-02-10');
    await user.clear(within(form).getByLabelText(/^To/));
    await user.type(within(form).getByLabelText(/^To/), '2099-02-09');
    expect(within(form).getByText('Not before the first day')).toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: 'Request leave' }));
    expect(within(form).getByText('Required')).toBeInTheDocument();
    expect(execute).not.toHaveBeenCalledWith(RequestLeaveMutation, expect.anything());
  });

  it('lists a report’s pending request to decide and declines it with a reason', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithApp(<LeaveRoute />, { permissions: EMPLOYEE, path: '/hr/leave' });
    const decide = await screen.findByRole('table', { name: 'Requests to decide' }, SLOW);
    expect(within(decide).getAllByRole('row')).toHaveLength(2);
    expect(within(decide).queryByText('Kagiso Molefe')).not.toBeInTheDocument();
    await user.click(within(decide).getByRole('button', { name: 'Decline leave of Thandi Mokoena from 2099-03-02' }));
    const modal = await screen.findByRole('form', { name: 'Decline leave of Thandi Mokoena' }, SLOW);
    await user.type(within(modal).getByLabelText(/^Reason/), 'Site handover that week');
    await user.click(within(modal).getByRole('button', { name: 'Decline' }));
    expect(await screen.findByText('No requests are waiting for your decision.', {}, SLOW)).toBeInTheDocument();
    expect(execute).toHaveBeenCalledWith(DecideLeaveMutation, { employeeId: 'emp-3', requestId: 'lr-2', approve: false, reason: 'Site handover that week' });
  });
});
