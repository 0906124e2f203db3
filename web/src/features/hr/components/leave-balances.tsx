import { Text } from '@mantine/core';

import { DataTable, type Column } from '@/components/ui/data-table';

import type { LeaveBalanceRow } from '../api/get-leave-balances';
import { leaveKindLabel, plainDecimal } from './labels';

const COLUMNS: Column<LeaveBalanceRow>[] = [
  { key: 'kind', header: 'Leave', cell: (b) => leaveKindLabel(b.kind) },
  { key: 'cycle', header: 'Cycle', cell: (b) => `${b.cycleStart} – ${b.cycleEnd}` },
  { key: 'entitled', header: 'Entitled', numeric: true, cell: (b) => plainDecimal(b.entitled) },
  { key: 'taken', header: 'Taken', numeric: true, cell: (b) => plainDecimal(b.taken) },
  { key: 'pending', header: 'Pending', numeric: true, cell: (b) => plainDecimal(b.pending) },
  {
    key: 'available',
    header: 'Available',
    numeric: true,
    cell: (b) => (
      <Text span inherit fw={700}>
        {plainDecimal(b.available)}
      </Text>
    ),
  },
];

/** An employee's leave balances in working days: what the cycle gives up to the date. */
export function LeaveBalances({ balances }: { balances: readonly LeaveBalanceRow[] }) {
  return <DataTable label="Leave balances" columns={COLUMNS} rows={balances} rowKey={(b) => b.kind} rowLabel={(b) => leaveKindLabel(b.kind)} minWidth={600} />;
}
