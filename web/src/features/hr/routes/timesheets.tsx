// Timesheets (`/hr/timesheets`). For `hr.timesheets.write` (site and project managers on
// their projects, HR, payroll): a **weekly grid** for one employee — picked from the
// employees the caller can see and those on the weeks they see, or by id —, Monday to
// Sunday, rows of project and cost code, hours summed as typed, submitted (or
// resubmitted until approved) with the server's refusal in its words. Then the weeks the
// caller may see with status and hours; **Approve** and **Reject…** (with a reason) on a
// submitted week for `hr.timesheets.approve`; **Edit** fills the grid with a week not
// yet approved.

import { Stack, Text } from '@mantine/core';
import { useState } from 'react';

import { Page, Section } from '@/components/ui/page';
import { ErrorAlert, QueryState } from '@/components/ui/query-state';
import { isoDate } from '@/lib/format';
import { usePermissions } from '@/lib/permissions/authorization';

import { useDecideTimesheet } from '../api/decide-timesheet';
import { employeeLabel, useEmployees } from '../api/get-employees';
import { useMyEmployee } from '../api/get-my-employee';
import { useProjectCodes } from '../api/get-project-codes';
import { useTimesheets, type TimesheetRow } from '../api/get-timesheets';
import { useSubmitTimesheet } from '../api/submit-timesheet';
import { EmployeePicker } from '../components/employee-picker';
import { mondayOf } from '../components/labels';
import { RowButton } from '../components/leave-requests';
import { ReasonModal } from '../components/reason-modal';
import { TimesheetGrid } from '../components/timesheet-grid';
import { emptyRow, rowsOfEntries, type GridValues } from '../components/timesheet-rules';
import { TimesheetsTable } from '../components/timesheets-table';

interface Draft {
  /** Bumped to start the grid afresh with `values`. */
  key: number;
  employeeId: string | null;
  values: GridValues;
}

function Capture({ sheets, draft, onEmployee }: { sheets: readonly TimesheetRow[]; draft: Draft; onEmployee: (id: string | null) => void }) {
  const employees = useEmployees();
  const me = useMyEmployee();
  const projects = useProjectCodes();
  const submit = useSubmitTimesheet();
  const [done, setDone] = useState<string | null>(null);
  // Those the caller can see, and those named on the weeks they see.
  const options = new Map<string, string>();
  for (const e of employees.data?.employees ?? []) options.set(e.id, employeeLabel(e));
  for (const s of sheets) if (!options.has(s.employeeId)) options.set(s.employeeId, s.employeeName);
  const own = me.data?.me.assignments.employeeId;
  return (
    <Stack gap="sm">
      <EmployeePicker options={[...options].map(([id, label]) => ({ id, label: id === own ? `${label} (you)` : label }))} value={draft.employeeId} onChange={onEmployee} allowOther />
      <TimesheetGrid
        key={draft.key}
        employeeId={draft.employeeId || null}
        initial={draft.values}
        projects={projects}
        submitting={submit.isPending}
        error={submit.error}
        onSubmit={(variables) => {
          setDone(null);
          submit.mutate(variables, { onSuccess: () => setDone(`The week of ${variables.weekStarting} was submitted for ${options.get(String(variables.employeeId)) ?? variables.employeeId}.`) });
        }}
      />
      {done ? (
        <Text role="status" size="sm">
          {done}
        </Text>
      ) : null}
    </Stack>
  );
}

export function TimesheetsRoute() {
  const { can } = usePermissions();
  const sheets = useTimesheets();
  const decide = useDecideTimesheet();
  const projects = useProjectCodes();
  const [rejecting, setRejecting] = useState<TimesheetRow | null>(null);
  const [draft, setDraft] = useState<Draft>(() => ({ key: 0, employeeId: null, values: { weekStarting: mondayOf(isoDate()), rows: [emptyRow()] } }));
  const codes = new Map(projects.map((p) => [p.id, p]));
  const projectLabel = (id: string) => {
    const p = codes.get(id);
    return p ? `${p.code} ${p.name}` : id;
  };
  const projectCode = (id: string) => codes.get(id)?.code ?? id;
  const busy = (t: TimesheetRow) => decide.isPending && decide.variables.id === t.id;
  return (
    <Page title="Timesheets" description="A week per employee, Monday to Sunday; approval charges it to its projects at the employee's cost rate.">
      {can('hr.timesheets.write') ? (
        <Section title="Capture a week">
          <Capture sheets={sheets.data?.timesheets ?? []} draft={draft} onEmployee={(employeeId) => setDraft((old) => ({ ...old, employeeId }))} />
        </Section>
      ) : null}
      <Section title="Weeks">
        <Stack gap="sm">
          {decide.error && !rejecting ? <ErrorAlert error={decide.error} action="decide timesheets" title="The timesheet was not decided" /> : null}
          <QueryState query={sheets} action="read timesheets" isEmpty={(d) => d.timesheets.length === 0} empty="No timesheets to show yet.">
            {(d) => (
              <TimesheetsTable
                timesheets={d.timesheets}
                projectLabel={projectLabel}
                actions={(t) => (
                  <>
                    {can('hr.timesheets.write') && t.status !== 'APPROVED' ? (
                      <RowButton aria-label={`Edit the week of ${t.weekStarting} of ${t.employeeName}`} onClick={() => {
                          setDraft((old) => ({ key: old.key + 1, employeeId: t.employeeId, values: { weekStarting: t.weekStarting, rows: rowsOfEntries(t.weekStarting, t.entries, projectCode) } }));
                          document.getElementById('section-capture-a-week')?.scrollIntoView({ behavior: 'smooth' });
                        }}>
                        Edit
                      </RowButton>
                    ) : null}
                    {can('hr.timesheets.approve') && t.status === 'SUBMITTED' ? (
                      <>
                        <RowButton color="green" aria-label={`Approve the week of ${t.weekStarting} of ${t.employeeName}`} loading={busy(t)} onClick={() => decide.mutate({ id: t.id, approve: true, reason: null })}>
                          Approve
                        </RowButton>
                        <RowButton
                          color="red"
                          aria-label={`Reject the week of ${t.weekStarting} of ${t.employeeName}`}
                          onClick={() => {
                            decide.reset();
                            setRejecting(t);
                          }}
                        >
                          Reject…
                        </RowButton>
                      </>
                    ) : null}
                  </>
                )}
              />
            )}
          </QueryState>
        </Stack>
      </Section>
      {rejecting ? (
        <ReasonModal
          opened
          title={`Reject the week of ${rejecting.weekStarting}`}
          confirmLabel="Reject"
          action="decide timesheets"
          pending={decide.isPending}
          error={decide.error}
          onClose={() => setRejecting(null)}
          onConfirm={(reason) => decide.mutate({ id: rejecting.id, approve: false, reason }, { onSuccess: () => setRejecting(null) })}
        >
          <Text size="sm">{rejecting.employeeName}</Text>
        </ReasonModal>
      ) : null}
    </Page>
  );
}
