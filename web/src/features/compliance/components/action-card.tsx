// A corrective action on the inspection's page: the finding it is on, owner, due, status,
// overdue and escalation, the evidence; **Submit evidence** for those who may
// (`compliance.actions.write`) while it is not verified, **Verify** for the inspector
// (`compliance.inspections.write`; the server refuses anyone else) once evidence is in.

import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';

import { ErrorAlert } from '@/components/ui/query-state';
import type { CorrectiveActionFieldsFragment } from '@/gql/graphql';
import { isoDate } from '@/lib/format';
import { Authorization } from '@/lib/permissions/authorization';

import { useSubmitActionEvidence } from '../api/submit-action-evidence';
import { useVerifyCorrectiveAction } from '../api/verify-corrective-action';
import { EvidenceModal } from './action-forms';
import { ActionStatusBadge, EscalationBadges, SeverityBadge } from './labels';

export function ActionCard({ action, inspectionId }: { action: CorrectiveActionFieldsFragment; inspectionId: string }) {
  const evidence = useSubmitActionEvidence(inspectionId);
  const verify = useVerifyCorrectiveAction(inspectionId);
  const [opened, setOpened] = useState(false);
  const today = isoDate();
  return (
    <Card withBorder padding="sm" component="article" aria-label={`Action on ${action.itemCode}`}>
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap">
          <Text fw={600}>{action.itemCode}</Text>
          <SeverityBadge severity={action.severity} />
          <ActionStatusBadge status={action.status} />
          <EscalationBadges action={action} today={today} />
        </Group>
        <Text size="sm">
          Owner {action.owner} · due {action.due}
        </Text>
        {action.evidenceNote ? <Text size="sm">Evidence: {action.evidenceNote}</Text> : null}
        {action.verifiedBy ? <Text size="sm">Verified by {action.verifiedBy}</Text> : null}
        {action.status !== 'VERIFIED' ? (
          <Group gap="xs" grow>
            <Authorization allowed="compliance.actions.write">
              <Button
                size="md"
                variant="light"
                onClick={() => {
                  evidence.reset();
                  setOpened(true);
                }}
              >
                Submit evidence
              </Button>
            </Authorization>
            {action.status === 'EVIDENCE_SUBMITTED' ? (
              <Authorization allowed="compliance.inspections.write">
                <Button size="md" color="green" loading={verify.isPending} onClick={() => verify.mutate(action.id)}>
                  Verify
                </Button>
              </Authorization>
            ) : null}
          </Group>
        ) : null}
        {verify.error ? <ErrorAlert error={verify.error} action="verify corrective actions" title="Not verified" /> : null}
      </Stack>
      {opened ? (
        <EvidenceModal
          actionId={action.id}
          opened={opened}
          onClose={() => setOpened(false)}
          pending={evidence.isPending}
          error={evidence.error}
          onSubmit={(variables) => evidence.mutate(variables, { onSuccess: () => setOpened(false) })}
        />
      ) : null}
    </Card>
  );
}
