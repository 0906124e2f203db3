import { Badge } from '@mantine/core';

import type { ProjectStatus } from '@/gql/graphql';
import { humanize } from '@/lib/format';

/** Where a project may go from each status (the domain's `may_become`). */
export const NEXT_STATUSES: Record<ProjectStatus, ProjectStatus[]> = {
  TENDER: ['AWARDED', 'CANCELLED'],
  AWARDED: ['IN_PROGRESS', 'ON_HOLD', 'CANCELLED'],
  IN_PROGRESS: ['PRACTICAL_COMPLETION', 'ON_HOLD', 'CANCELLED'],
  ON_HOLD: ['IN_PROGRESS', 'CANCELLED'],
  PRACTICAL_COMPLETION: ['FINAL_COMPLETION'],
  FINAL_COMPLETION: ['CLOSED'],
  CLOSED: [],
  CANCELLED: [],
};

const COLOURS: Record<string, string> = {
  TENDER: 'gray',
  AWARDED: 'blue',
  IN_PROGRESS: 'teal',
  ON_HOLD: 'yellow',
  PRACTICAL_COMPLETION: 'grape',
  FINAL_COMPLETION: 'violet',
  CLOSED: 'dark',
  CANCELLED: 'red',
  PROPOSED: 'blue',
  SUBMITTED: 'blue',
  APPROVED: 'green',
  REJECTED: 'red',
};

/** A status (of a project, claim or variation) as a coloured badge. */
export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge variant="light" color={COLOURS[status] ?? 'gray'}>
      {humanize(status)}
    </Badge>
  );
}

/** Whether the contract terms may still change. */
export const contractEditable = (status: ProjectStatus) => status === 'TENDER' || status === 'AWARDED';
