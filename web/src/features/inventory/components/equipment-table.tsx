// The equipment register as a table: code, description, category, ownership, the meter
// and its kind, where it is (a project, or the yard), when its next service falls due
// (by meter and by date) with an "overdue" mark (red) when the server says it is overdue
// today, and the actions on each item for those who may use them.

import { Badge, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

import { DataTable, type Column } from '@/components/ui/data-table';
import { Money } from '@/components/ui/money';
import { humanize } from '@/lib/format';

import type { EquipmentRow } from '../api/get-equipment';

const UNITS: Record<string, string> = { HOURS: 'h', KILOMETRES: 'km' };
export const meterUnit = (kind: string) => UNITS[kind] ?? kind.toLowerCase();

export function OverdueBadge() {
  return (
    <Badge color="red" variant="filled" style={{ flexShrink: 0 }}>
      overdue
    </Badge>
  );
}

function ServiceDue({ item }: { item: EquipmentRow }) {
  const unit = meterUnit(item.meterKind);
  const parts = [item.serviceDueMeter ? `at ${item.serviceDueMeter} ${unit}` : null, item.serviceDueOn ? `by ${item.serviceDueOn}` : null].filter(Boolean);
  return (
    <Group gap="xs" wrap="nowrap">
      {item.serviceOverdue ? <OverdueBadge /> : null}
      <Text span size="sm">
        {parts.length > 0 ? parts.join(', ') : 'no plan'}
      </Text>
    </Group>
  );
}

const columns = (projectName: (id: string) => string, actions?: (item: EquipmentRow) => ReactNode): Column<EquipmentRow>[] => [
  { key: 'code', header: 'Code', cell: (i) => i.code },
  {
    key: 'description',
    header: 'Description',
    cell: (i) => (
      <Stack gap={0}>
        <Text span size="sm">
          {i.description}
        </Text>
        <Text span size="xs" c="dimmed">
          {i.serialNumber}
        </Text>
      </Stack>
    ),
  },
  { key: 'category', header: 'Category', cell: (i) => i.category },
  { key: 'ownership', header: 'Ownership', cell: (i) => humanize(i.ownership) },
  { key: 'rate', header: 'Daily rate', numeric: true, cell: (i) => <Money amount={i.dailyRate} /> },
  { key: 'meter', header: 'Meter', numeric: true, cell: (i) => `${i.meter} ${meterUnit(i.meterKind)}` },
  {
    key: 'where',
    header: 'Where',
    cell: (i) =>
      i.projectId ? (
        <Stack gap={0}>
          <Text span size="sm">
            {projectName(i.projectId)}
          </Text>
          {i.outSince ? (
            <Text span size="xs" c="dimmed">
              since {i.outSince}
            </Text>
          ) : null}
        </Stack>
      ) : (
        <Badge color="gray" variant="light">
          yard
        </Badge>
      ),
  },
  { key: 'service', header: 'Service due', cell: (i) => <ServiceDue item={i} /> },
  ...(actions ? [{ key: 'actions', header: 'Actions', cell: actions }] : []),
];

export function EquipmentTable({
  rows,
  projectName = (id) => id,
  actions,
}: {
  rows: readonly EquipmentRow[];
  projectName?: (id: string) => string;
  actions?: (item: EquipmentRow) => ReactNode;
}) {
  return (
    <DataTable
      label="Equipment register"
      columns={columns(projectName, actions)}
      rows={rows}
      rowKey={(i) => i.code}
      rowLabel={(i) => i.code}
      rowColor={(i) => (i.serviceOverdue ? 'red.0' : undefined)}
      minWidth={1100}
    />
  );
}
