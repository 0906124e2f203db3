// The timesheets as a table, latest week first: week, employee, status, ordinary,
// overtime (1.5×) and double (2×) hours, cost rate, cost charged to the projects, site
// labour's pay for the week, who decided (and why a week was rejected); per row the
// caller's moves; each week's entries by day under it on demand.

import { Button, Group, Table, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';

import { DataTable, type Column } from '@/components/ui/data-table';
import { Money, NumberCell, NumberTh } from '@/components/ui/money';

import type { TimesheetRow } from '../api/get-timesheets';
import { plainDecimal } from './labels';
import { StatusBadge } from './status-badge';

function Entries({ sheet, projectLabel }: { sheet: TimesheetRow; projectLabel: (id: string) => string }) {
  return (
    <Table aria-label={`Entries of ${sheet.employeeName}, week of ${sheet.weekStarting}`} verticalSpacing={2} w="auto">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Day</Table.Th>
          <Table.Th>Project</Table.Th>
          <Table.Th>Cost code</Table.Th>
          <NumberTh>Ordinary</NumberTh>
          <NumberTh>Overtime</NumberTh>
          <NumberTh>Double</NumberTh>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {sheet.entries.map((e, n) => (
          <Table.Tr key={n}>
            <Table.Td>{e.day}</Table.Td>
            <Table.Td>{projectLabel(e.projectId)}</Table.Td>
            <Table.Td>{e.costCode}</Table.Td>
            <NumberCell>{plainDecimal(e.ordinary)}</NumberCell>
            <NumberCell>{plainDecimal(e.overtime)}</NumberCell>
            <NumberCell>{plainDecimal(e.double)}</NumberCell>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function TimesheetsTable({
  timesheets,
  projectLabel = (id) => id,
  actions,
}: {
  timesheets: readonly TimesheetRow[];
  projectLabel?: (id: string) => string;
  actions?: (sheet: TimesheetRow) => ReactNode;
}) {
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((old) => {
      const next = new Set(old);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const columns: Column<TimesheetRow>[] = [
    { key: 'week', header: 'Week of', cell: (t) => t.weekStarting },
    { key: 'employee', header: 'Employee', cell: (t) => t.employeeName },
    { key: 'status', header: 'Status', cell: (t) => <StatusBadge status={t.status} /> },
    { key: 'ordinary', header: 'Ordinary h', numeric: true, cell: (t) => plainDecimal(t.ordinaryHours) },
    { key: 'overtime', header: 'Overtime h', numeric: true, cell: (t) => plainDecimal(t.overtimeHours) },
    { key: 'double', header: 'Double h', numeric: true, cell: (t) => plainDecimal(t.doubleHours) },
    { key: 'rate', header: 'Cost rate', numeric: true, cell: (t) => <Money amount={t.costRate} /> },
    { key: 'cost', header: 'Cost', numeric: true, cell: (t) => (t.totalCost ? <Money amount={t.totalCost} /> : '—') },
    { key: 'pay', header: 'Gross pay', numeric: true, cell: (t) => (t.grossPay ? <Money amount={t.grossPay} /> : '—') },
    {
      key: 'decided',
      header: 'Decided by',
      cell: (t) =>
        t.decidedBy ? (
          <Text span size="sm">
            {t.decidedBy}
            {t.rejectReason ? `: ${t.rejectReason}` : ''}
          </Text>
        ) : (
          '—'
        ),
    },
    {
      key: 'actions',
      header: 'Actions',
      cell: (t) => (
        <Group gap={4} wrap="nowrap">
          <Button size="compact-sm" variant="subtle" aria-expanded={open.has(t.id)} aria-label={`${open.has(t.id) ? 'Hide' : 'Show'} entries of ${t.employeeName}, week of ${t.weekStarting}`} onClick={() => toggle(t.id)}>
            {open.has(t.id) ? 'Hide entries' : 'Entries'}
          </Button>
          {actions?.(t)}
        </Group>
      ),
    },
  ];
  return (
    <DataTable
      label="Timesheets"
      columns={columns}
      rows={timesheets}
      rowKey={(t) => t.id}
      rowLabel={(t) => `${t.employeeName}, week of ${t.weekStarting}`}
      minWidth={1300}
      expanded={(t) => (open.has(t.id) ? <Entries sheet={t} projectLabel={projectLabel} /> : null)}
    />
  );
}
