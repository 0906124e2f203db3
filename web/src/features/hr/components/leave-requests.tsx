// Leave requests as a table: employee (when several), kind, first and last day, working
// days, reason, status, who decided (and why a request was declined), when asked; per
// row, the moves the caller may make — "Cancel" on one's own pending request (or an
// approved one not yet begun), "Approve" and "Decline…" on a report's pending one.

import { Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';

import { DataTable, type Column } from '@/components/ui/data-table';
import { formatDateTime } from '@/lib/format';

import type { LeaveRequestRow } from '../api/get-leave-requests';
import { leaveKindLabel, plainDecimal } from './labels';
import { StatusBadge } from './status-badge';

/** Whether a request may still be withdrawn on `today`. */
export const cancellable = (r: LeaveRequestRow, today: string) => r.status === 'PENDING' || (r.status === 'APPROVED' && r.firstDay > today);

export function LeaveRequestsTable({
  label,
  requests,
  showEmployee = false,
  actions,
}: {
  label: string;
  requests: readonly LeaveRequestRow[];
  showEmployee?: boolean;
  actions?: (request: LeaveRequestRow) => ReactNode;
}) {
  const columns: Column<LeaveRequestRow>[] = [
    ...(showEmployee ? [{ key: 'employee', header: 'Employee', cell: (r: LeaveRequestRow) => r.employeeName }] : []),
    { key: 'kind', header: 'Kind', cell: (r) => leaveKindLabel(r.kind) },
    { key: 'from', header: 'From', cell: (r) => r.firstDay },
    { key: 'to', header: 'To', cell: (r) => r.lastDay },
    { key: 'days', header: 'Days', numeric: true, cell: (r) => plainDecimal(r.days) },
    { key: 'reason', header: 'Reason', cell: (r) => r.reason },
    { key: 'status', header: 'Status', cell: (r) => <StatusBadge status={r.status} /> },
    { key: 'decided', header: 'Decided by', cell: (r) => (r.decidedBy ? `${r.decidedBy}${r.declineReason ? `: ${r.declineReason}` : ''}` : '—') },
    { key: 'asked', header: 'Requested', cell: (r) => formatDateTime(r.requestedAt) },
    ...(actions ? [{ key: 'actions', header: 'Actions', cell: (r: LeaveRequestRow) => <Group gap={4}>{actions(r)}</Group> }] : []),
  ];
  return <DataTable label={label} columns={columns} rows={requests} rowKey={(r) => r.id} rowLabel={(r) => `${r.employeeName} ${leaveKindLabel(r.kind)} ${r.firstDay}`} minWidth={1000} />;
}

/** A small action button of a table row. */
export function RowButton({ children, ...props }: { children: ReactNode; onClick: () => void; color?: string; loading?: boolean; 'aria-label'?: string }) {
  return (
    <Button size="compact-sm" variant="light" {...props}>
      {children}
    </Button>
  );
}
