// Employees by name: every record to HR, to everyone else their own; each opens the
// employee's page with the profile (`/employees/:id`).

import { DataTable, type Column } from '@/components/ui/data-table';
import { AppLink } from '@/components/ui/link';
import { Page } from '@/components/ui/page';
import { QueryState } from '@/components/ui/query-state';

import { useEmployees, type EmployeeRow } from '../api/get-employees';
import { employmentTypeLabel } from '../components/labels';

const COLUMNS: Column<EmployeeRow>[] = [
  { key: 'number', header: 'Number', cell: (e) => <AppLink to={`/employees/${e.id}`}>{e.employeeNumber}</AppLink> },
  {
    key: 'name',
    header: 'Name',
    cell: (e) => (
      <AppLink to={`/employees/${e.id}`}>
        {e.firstName} {e.lastName}
      </AppLink>
    ),
  },
  { key: 'title', header: 'Job title', cell: (e) => e.jobTitle },
  { key: 'type', header: 'Employment', cell: (e) => (e.employmentType ? employmentTypeLabel(e.employmentType) : 'no profile yet') },
  { key: 'trade', header: 'Trade', cell: (e) => e.trade ?? '—' },
  { key: 'site', header: 'Site', cell: (e) => e.siteId ?? '—' },
  { key: 'hired', header: 'Hired', cell: (e) => e.hiredOn },
  { key: 'last', header: 'Last day', cell: (e) => e.lastDay ?? '—' },
];

export function EmployeesRoute() {
  const employees = useEmployees();
  return (
    <Page title="Employees" description="Every record to HR; to everyone else, their own.">
      <QueryState query={employees} action="read employee records" isEmpty={(d) => d.employees.length === 0} empty="No employee records to show (yours appears once your user is linked to it).">
        {(d) => <DataTable label="Employees" columns={COLUMNS} rows={d.employees} rowKey={(e) => e.id} rowLabel={(e) => `${e.firstName} ${e.lastName}`} minWidth={900} />}
      </QueryState>
    </Page>
  );
}
