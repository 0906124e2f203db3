// Leave (`/hr/leave`, `hr.leave.self_service`: every role). **My leave**: the employee
// record the user is linked to (`me.assignments.employeeId`) — or, when there is none,
// one picked from the employees the user can see (a plain employee sees only their
// own; HR sees everyone and may act for anyone) —, its balances today, a request form
// with the server's refusal (past the balance, over another request) in its words, and
// its requests with **Cancel**. **Requests to decide**: the pending requests of the
// employees the user manages (HR: everyone's), **Approve** or **Decline…** with a
// reason. Who may do what on which row is the server's; each command stays pending until
// the read model shows it (`api/leave-refresh.ts`).

import { Alert, Stack, Text } from '@mantine/core';
import { useState } from 'react';

import { Page, Section } from '@/components/ui/page';
import { ErrorAlert, QueryState } from '@/components/ui/query-state';
import { isoDate } from '@/lib/format';
import { usePermissions } from '@/lib/permissions/authorization';

import { useCancelLeave } from '../api/cancel-leave';
import { useDecideLeave } from '../api/decide-leave';
import { employeeLabel, useEmployees } from '../api/get-employees';
import { useLeaveBalances } from '../api/get-leave-balances';
import { useLeaveRequests, type LeaveRequestRow } from '../api/get-leave-requests';
import { useMyEmployee } from '../api/get-my-employee';
import { useRequestLeave } from '../api/request-leave';
import { EmployeePicker } from '../components/employee-picker';
import { LeaveBalances } from '../components/leave-balances';
import { LeaveForm } from '../components/leave-form';
import { cancellable, LeaveRequestsTable, RowButton } from '../components/leave-requests';
import { ReasonModal } from '../components/reason-modal';

function MyLeave({ employeeId }: { employeeId: string }) {
  const balances = useLeaveBalances(employeeId);
  const requests = useLeaveRequests(employeeId);
  const request = useRequestLeave();
  const cancel = useCancelLeave();
  const [done, setDone] = useState<string | null>(null);
  const today = isoDate();
  return (
    <Stack gap="md">
      <QueryState query={balances} action="read leave balances" isEmpty={(d) => d.leaveBalances.length === 0} empty="No balances yet: HR records the working week and leave basis in the profile first.">
        {(d) => <LeaveBalances balances={d.leaveBalances} />}
      </QueryState>
      <LeaveForm
        submitting={request.isPending}
        error={request.error}
        onSubmit={(v) => {
          setDone(null);
          request.mutate({ employeeId, ...v }, { onSuccess: () => setDone(`Leave from ${v.from} to ${v.to} requested.`) });
        }}
      />
      {done ? (
        <Text role="status" size="sm">
          {done}
        </Text>
      ) : null}
      {cancel.error ? <ErrorAlert error={cancel.error} action="cancel this leave" title="The request was not cancelled" /> : null}
      <QueryState query={requests} action="read leave requests" isEmpty={(d) => d.leaveRequests.length === 0} empty="No leave requested yet.">
        {(d) => (
          <LeaveRequestsTable
            label="My leave requests"
            requests={d.leaveRequests.filter((r) => r.employeeId === employeeId)}
            actions={(r) =>
              cancellable(r, today) ? (
                <RowButton color="red" aria-label={`Cancel leave from ${r.firstDay}`} loading={cancel.isPending && cancel.variables.requestId === r.id} onClick={() => cancel.mutate({ employeeId, requestId: r.id })}>
                  Cancel
                </RowButton>
              ) : null
            }
          />
        )}
      </QueryState>
    </Stack>
  );
}

function ToDecide({ own }: { own: string | null }) {
  const pending = useLeaveRequests(null, true);
  const decide = useDecideLeave();
  const [declining, setDeclining] = useState<LeaveRequestRow | null>(null);
  const busy = (r: LeaveRequestRow) => decide.isPending && decide.variables.requestId === r.id;
  return (
    <Stack gap="sm">
      {decide.error && !declining ? <ErrorAlert error={decide.error} action="decide this leave" title="The request was not decided" /> : null}
      <QueryState query={pending} action="read leave requests">
        {(d) => {
          const rows = d.leaveRequests.filter((r) => r.employeeId !== own && r.status === 'PENDING');
          return rows.length === 0 ? (
            <Text c="dimmed" size="sm" role="status">
              No requests are waiting for your decision.
            </Text>
          ) : (
            <LeaveRequestsTable
              label="Requests to decide"
              requests={rows}
              showEmployee
              actions={(r) => (
                <>
                  <RowButton color="green" aria-label={`Approve leave of ${r.employeeName} from ${r.firstDay}`} loading={busy(r)} onClick={() => decide.mutate({ employeeId: r.employeeId, requestId: r.id, approve: true, reason: null })}>
                    Approve
                  </RowButton>
                  <RowButton
                    color="red"
                    aria-label={`Decline leave of ${r.employeeName} from ${r.firstDay}`}
                    onClick={() => {
                      decide.reset();
                      setDeclining(r);
                    }}
                  >
                    Decline…
                  </RowButton>
                </>
              )}
            />
          );
        }}
      </QueryState>
      {declining ? (
        <ReasonModal
          opened
          title={`Decline leave of ${declining.employeeName}`}
          confirmLabel="Decline"
          action="decide this leave"
          pending={decide.isPending}
          error={decide.error}
          onClose={() => setDeclining(null)}
          onConfirm={(reason) => decide.mutate({ employeeId: declining.employeeId, requestId: declining.id, approve: false, reason }, { onSuccess: () => setDeclining(null) })}
        >
          <Text size="sm">
            {declining.firstDay} to {declining.lastDay}: {declining.reason}
          </Text>
        </ReasonModal>
      ) : null}
    </Stack>
  );
}

export function LeaveRoute() {
  const { can } = usePermissions();
  const me = useMyEmployee();
  const employees = useEmployees();
  const own = me.data?.me.assignments.employeeId ?? null;
  const list = employees.data?.employees ?? [];
  const [picked, setPicked] = useState<string | null>(null);
  // One's own record; else the only one a plain employee can see; else a pick.
  const fallback = list.length === 1 ? (list[0]?.id ?? null) : null;
  const employeeId = (picked || null) ?? own ?? fallback;
  const mayPick = !own || can('hr.employees.write');
  const chosen = list.find((e) => e.id === employeeId);
  return (
    <Page title="Leave" description="Balances in working days by the BCEA's rules; weekends and public holidays are not leave days.">
      <Section title={employeeId && employeeId !== own && chosen && can('hr.employees.read') ? `Leave of ${chosen.firstName} ${chosen.lastName}` : 'My leave'}>
        <Stack gap="md">
          {mayPick ? (
            <EmployeePicker
              label={can('hr.employees.write') ? 'Employee (HR may act for anyone)' : 'Your employee record'}
              options={list.map((e) => ({ id: e.id, label: employeeLabel(e) }))}
              value={employeeId}
              onChange={setPicked}
            />
          ) : null}
          {employeeId ? (
            <MyLeave key={employeeId} employeeId={employeeId} />
          ) : me.isPending || employees.isPending ? null : (
            <Alert color="yellow" title="No employee record">
              Your user is not linked to an employee record yet; an administrator links it.
            </Alert>
          )}
        </Stack>
      </Section>
      <Section title="Requests to decide">
        <ToDecide own={own ?? (can('hr.employees.read') ? null : employeeId)} />
      </Section>
    </Page>
  );
}
