import { Badge } from '@mantine/core';

import { humanize } from '@/lib/format';

/** A quote's status: a draft (blue) or accepted, final (green). */
export function QuoteStatusBadge({ status }: { status: string }) {
  return (
    <Badge variant="light" color={status === 'ACCEPTED' ? 'green' : 'blue'}>
      {humanize(status)}
    </Badge>
  );
}
