// The project's next statuses as actions. Practical and final completion say first
// that they release retention (finance invoices it); hold and cancel ask for a reason.

import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';

import type { ProjectStatus } from '@/gql/graphql';
import { humanize } from '@/lib/format';

import { useChangeProjectStatus } from '../api/change-project-status';
import type { ProjectDetail } from '../api/get-project';
import { ReasonModal } from './reason-modal';
import { NEXT_STATUSES } from './status';

const EXPLAIN: Partial<Record<ProjectStatus, (p: ProjectDetail) => string>> = {
  PRACTICAL_COMPLETION: (p) =>
    `Practical completion releases ${p.contract?.releaseAtPracticalPercent ?? '50'}% of the retention held; finance invoices the release with its VAT.`,
  FINAL_COMPLETION: () => 'Final completion releases the rest of the retention held; finance invoices the release with its VAT.',
  CANCELLED: () => 'A cancelled project takes no more claims or changes.',
};

export function StatusActions({ project }: { project: ProjectDetail }) {
  const [target, setTarget] = useState<ProjectStatus | null>(null);
  const change = useChangeProjectStatus(project.id);
  const next = NEXT_STATUSES[project.status];
  if (next.length === 0) return null;
  const asksReason = target === 'ON_HOLD' || target === 'CANCELLED';
  return (
    <Group gap="xs">
      {next.map((status) => (
        <Button
          key={status}
          size="sm"
          variant={status === 'CANCELLED' || status === 'ON_HOLD' ? 'light' : 'filled'}
          color={status === 'CANCELLED' ? 'red' : undefined}
          onClick={() => {
            change.reset();
            setTarget(status);
          }}
        >
          {`Move to ${humanize(status).toLowerCase()}`}
        </Button>
      ))}
      <ReasonModal
        key={target ?? 'none'}
        title={target ? `Move ${project.code} to ${humanize(target).toLowerCase()}` : ''}
        opened={target !== null}
        onClose={() => setTarget(null)}
        confirmLabel="Change status"
        askReason={asksReason}
        reasonRequired={false}
        action="change the project's status"
        pending={change.isPending}
        error={change.error}
        onConfirm={(reason) => {
          if (!target) return;
          change.mutate({ status: target, reason: reason || null }, { onSuccess: () => setTarget(null) });
        }}
      >
        {target && EXPLAIN[target] ? <Text size="sm">{EXPLAIN[target](project)}</Text> : <Text size="sm">The project moves on from {humanize(project.status).toLowerCase()}.</Text>}
      </ReasonModal>
    </Group>
  );
}
