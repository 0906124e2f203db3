import { Badge } from '@mantine/core';

import { humanize } from '@/lib/format';

const COLORS: Record<string, string> = {
  NEW: 'gray',
  DRAFT: 'gray',
  PENDING: 'yellow',
  SUBMITTED: 'yellow',
  CALCULATED: 'blue',
  APPROVED: 'green',
  PAID: 'teal',
  DECLINED: 'red',
  REJECTED: 'red',
  REVERSED: 'red',
  CANCELLED: 'gray',
};

/** A leave request's, timesheet's or pay run's status as a coloured word. */
export function StatusBadge({ status }: { status: string | null | undefined }) {
  if (!status) return <>—</>;
  return (
    <Badge variant="light" color={COLORS[status] ?? 'gray'}>
      {humanize(status)}
    </Badge>
  );
}
