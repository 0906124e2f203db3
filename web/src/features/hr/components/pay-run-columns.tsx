import { DataTable, type Column } from '@/components/ui/data-table';
import { Money } from '@/components/ui/money';
import { AppLink } from '@/components/ui/link';

import type { PayRunRow } from '../api/get-pay-runs';
import { frequencyLabel } from './labels';
import { StatusBadge } from './status-badge';

/** "Monthly 2026-02-01 – 2026-02-28". */
export const payRunName = (r: Pick<PayRunRow, 'frequency' | 'periodStart' | 'periodEnd'>) => `${frequencyLabel(r.frequency)} ${r.periodStart} – ${r.periodEnd}`;

const COLUMNS: Column<PayRunRow>[] = [
  { key: 'run', header: 'Pay run', cell: (r) => <AppLink to={`/hr/pay-runs/${r.id}`}>{payRunName(r)}</AppLink> },
  { key: 'payDate', header: 'Pay date', cell: (r) => r.payDate },
  { key: 'status', header: 'Status', cell: (r) => <StatusBadge status={r.status} /> },
  { key: 'employees', header: 'Employees', numeric: true, cell: (r) => r.employees },
  { key: 'gross', header: 'Gross', numeric: true, cell: (r) => <Money amount={r.gross} /> },
  { key: 'paye', header: 'PAYE', numeric: true, cell: (r) => <Money amount={r.paye} /> },
  { key: 'uif', header: 'UIF (employee)', numeric: true, cell: (r) => <Money amount={r.uifEmployee} /> },
  { key: 'uifEmployer', header: 'UIF (employer)', numeric: true, cell: (r) => <Money amount={r.uifEmployer} /> },
  { key: 'sdl', header: 'SDL', numeric: true, cell: (r) => <Money amount={r.sdl} /> },
  { key: 'net', header: 'Net pay', numeric: true, cell: (r) => <Money amount={r.net} /> },
];

export function PayRunsTable({ runs }: { runs: readonly PayRunRow[] }) {
  return <DataTable label="Pay runs" columns={COLUMNS} rows={runs} rowKey={(r) => r.id} rowLabel={payRunName} minWidth={1200} />;
}
