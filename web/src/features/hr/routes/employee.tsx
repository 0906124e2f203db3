// An employee's page (`/employees/:id`): the record and the profile HR recorded —
// employment, working week, leave basis, line manager, allocation, cost rate — and the
// sensitive fields (identity or passport, date of birth, tax number, bank account, pay
// rate, medical scheme members), which the server answers only to HR and payroll
// (`hr.employees.read_sensitive`) and on one's own record: each is shown when present,
// else a muted "visible to HR only". "Edit profile" for `hr.employees.write`.

import { Alert, Button, Group, Modal, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useParams } from 'react-router';

import { Money } from '@/components/ui/money';
import { AppLink } from '@/components/ui/link';
import { Page, Section } from '@/components/ui/page';
import { Empty, QueryState } from '@/components/ui/query-state';
import { formatDateTime } from '@/lib/format';
import { usePermissions } from '@/lib/permissions/authorization';

import { useEmployee, type EmployeeRecord } from '../api/get-employee';
import { employeeLabel, useEmployees } from '../api/get-employees';
import { useMyEmployee } from '../api/get-my-employee';
import { useSetEmployeeProfile } from '../api/set-employee-profile';
import { bankAccountTypeLabel, employmentTypeLabel, leaveBasisLabel } from '../components/labels';
import { ProfileForm } from '../components/profile-form';

function Facts({ label, rows }: { label: string; rows: [string, ReactNode][] }) {
  return (
    <Table aria-label={label} w="auto" withRowBorders={false} verticalSpacing={4}>
      <Table.Tbody>
        {rows.map(([name, value]) => (
          <Table.Tr key={name}>
            <Table.Th scope="row" w={220}>
              {name}
            </Table.Th>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

const HR_ONLY = (
  <Text span c="dimmed" size="sm" fs="italic">
    visible to HR only
  </Text>
);

function EditProfile({ employee, managers }: { employee: EmployeeRecord; managers: { id: string; label: string }[] }) {
  const [opened, setOpened] = useState(false);
  const [done, setDone] = useState(false);
  const save = useSetEmployeeProfile(employee.id, employee.updatedAt);
  return (
    <Stack gap={2} align="flex-end">
      <Button
        onClick={() => {
          save.reset();
          setDone(false);
          setOpened(true);
        }}
      >
        Edit profile
      </Button>
      {done ? (
        <Text role="status" size="xs">
          Profile saved.
        </Text>
      ) : null}
      <Modal opened={opened} onClose={() => setOpened(false)} title={`Profile of ${employee.firstName} ${employee.lastName}`} size="xl">
        {opened ? (
          <ProfileForm
            employee={employee}
            managers={managers}
            submitting={save.isPending}
            error={save.error}
            onCancel={() => setOpened(false)}
            onSubmit={(input) =>
              save.mutate(input, {
                onSuccess: () => {
                  setDone(true);
                  setOpened(false);
                },
              })
            }
          />
        ) : null}
      </Modal>
    </Stack>
  );
}

function Employee({ employee: e }: { employee: EmployeeRecord }) {
  const { can } = usePermissions();
  const me = useMyEmployee();
  const employees = useEmployees();
  const others = (employees.data?.employees ?? []).filter((o) => o.id !== e.id).map((o) => ({ id: o.id, label: employeeLabel(o) }));
  const manager = e.lineManagerId ? others.find((o) => o.id === e.lineManagerId) : undefined;
  // The server leaves a sensitive field null when it may not be shown; when the caller
  // may see them (HR, payroll, their own record) a null one is simply not recorded.
  const sensitive = [e.idNumber, e.passportNumber, e.passportCountry, e.dateOfBirth, e.taxNumber, e.bankAccount, e.payRate, e.medicalMembers];
  const visible = can('hr.employees.read_sensitive') || me.data?.me.assignments.employeeId === e.id || sensitive.some((s) => s !== null && s !== undefined);
  const secret = (value: ReactNode | null | undefined) => (value !== null && value !== undefined && value !== '' ? value : visible ? '—' : HR_ONLY);
  const profiled = e.employmentType !== null && e.employmentType !== undefined;
  return (
    <Stack gap="lg">
      {can('hr.employees.write') ? (
        <Group justify="flex-end">
          <EditProfile employee={e} managers={others} />
        </Group>
      ) : null}
      {!profiled ? (
        <Alert color="yellow" title="No profile yet">
          HR has not recorded this employee’s profile: pay runs, leave and timesheets need it.
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="xl">
        <Section title="Employment">
          <Facts
            label="Employment"
            rows={[
              ['Employee number', e.employeeNumber],
              ['Job title', e.jobTitle],
              ['Site', e.siteId ?? '—'],
              ['Hired on', e.hiredOn],
              ['Last day', e.lastDay ?? '—'],
              ...(e.terminationReason ? ([['Reason employment ended', e.terminationReason]] as [string, ReactNode][]) : []),
              ['Employment type', employmentTypeLabel(e.employmentType)],
              ['Contract ends', e.contractEnds ?? '—'],
              ['Trade', e.trade ?? '—'],
              ['Days worked a week', e.daysPerWeek ?? '—'],
              ['Annual leave', leaveBasisLabel(e.leaveBasis)],
              ['Line manager', e.lineManagerId ? <AppLink to={`/employees/${e.lineManagerId}`}>{manager?.label ?? e.lineManagerId}</AppLink> : '—'],
              ['Charged to', e.projectId ? `${e.projectId} / ${e.costCode ?? ''}` : '—'],
              ['Cost rate (an hour)', e.costRate ? <Money amount={e.costRate} /> : '—'],
              ['Updated', formatDateTime(e.updatedAt)],
            ]}
          />
        </Section>
        <Section title="Personal and pay">
          <Facts
            label="Personal and pay"
            rows={[
              ['ID number', secret(e.idNumber)],
              ['Passport', secret(e.passportNumber ? `${e.passportNumber} (${e.passportCountry ?? ''})` : null)],
              ['Date of birth', secret(e.dateOfBirth)],
              ['Tax number', secret(e.taxNumber)],
              ['Bank account', secret(e.bankAccount ? `${e.bankAccount.bank}, branch ${e.bankAccount.branchCode}, ${bankAccountTypeLabel(e.bankAccount.accountType)} ${e.bankAccount.accountNumber}` : null)],
              [e.employmentType === 'WEEKLY_SITE_LABOUR' ? 'Pay rate (an hour)' : 'Pay rate (a month)', secret(e.payRate ? <Money amount={e.payRate} /> : null)],
              ['Medical scheme members', secret(e.medicalMembers ?? null)],
            ]}
          />
        </Section>
      </SimpleGrid>
    </Stack>
  );
}

export function EmployeeRoute() {
  const { id = '' } = useParams();
  const employee = useEmployee(id);
  const e = employee.data?.employee;
  return (
    <Page title={e ? `${e.employeeNumber} ${e.firstName} ${e.lastName}` : 'Employee'} description={e?.jobTitle} actions={<AppLink to="/employees">All employees</AppLink>}>
      <QueryState query={employee} action="read employee records">
        {(d) => (d.employee ? <Employee employee={d.employee} /> : <Empty>No such employee (or not yours to see).</Empty>)}
      </QueryState>
    </Page>
  );
}
