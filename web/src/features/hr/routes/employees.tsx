import { Table } from '@mantine/core';

import { Page } from '@/components/ui/page';
import { QueryState } from '@/components/ui/query-state';

import { useEmployees } from '../api/get-employees';

export function EmployeesRoute() {
  const employees = useEmployees();
  return (
    <Page title="Employees" description="Every record to HR; to everyone else, their own.">
      <QueryState query={employees} action="read employee records" isEmpty={(d) => d.employees.length === 0} empty="No employee records to show (yours appears once your user is linked to it).">
        {(d) => (
          <Table striped aria-label="Employees">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Number</Table.Th>
                <Table.Th>Name</Table.Th>
                <Table.Th>Job title</Table.Th>
                <Table.Th>Site</Table.Th>
                <Table.Th>Hired</Table.Th>
                <Table.Th>Last day</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.employees.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{e.employeeNumber}</Table.Td>
                  <Table.Td>
                    {e.firstName} {e.lastName}
                  </Table.Td>
                  <Table.Td>{e.jobTitle}</Table.Td>
                  <Table.Td>{e.siteId ?? '—'}</Table.Td>
                  <Table.Td>{e.hiredOn}</Table.Td>
                  <Table.Td>{e.lastDay ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
    </Page>
  );
}
