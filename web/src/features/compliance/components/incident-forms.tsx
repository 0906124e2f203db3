// The incident forms: report one (kind, project by id or code, when, what happened, the
// days lost of a lost-time injury), investigate it (root cause, actions one a line) and
// close it (the date). Each checked before anything is sent, the server's refusal in an
// alert in its words.

import { Button, Group, Modal, NativeSelect, Stack, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';

import { ErrorAlert } from '@/components/ui/query-state';
import type { IncidentKind, ReportIncidentMutationVariables } from '@/gql/graphql';
import { humanize, isoDate } from '@/lib/format';

const KINDS: readonly IncidentKind[] = ['NEAR_MISS', 'FIRST_AID', 'LOST_TIME_INJURY', 'PROPERTY_DAMAGE'];

/** The checks a report passes before it is sent, by field. */
export function reportProblems(v: { kind: IncidentKind; projectId: string; occurredOn: string; description: string; daysLost: string }): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!v.projectId.trim()) problems.projectId = 'Which project?';
  if (!v.occurredOn) problems.occurredOn = 'When did it happen?';
  else if (v.occurredOn > isoDate()) problems.occurredOn = 'It cannot have happened in the future.';
  if (!v.description.trim()) problems.description = 'Say what happened.';
  if (v.kind === 'LOST_TIME_INJURY') {
    if (!/^\d+$/.test(v.daysLost.trim()) || Number(v.daysLost) <= 0) problems.daysLost = 'A lost-time injury loses at least one whole day.';
  }
  return problems;
}

export function ReportIncidentForm({
  submitting,
  error,
  onSubmit,
  onCancel,
}: {
  submitting: boolean;
  error: unknown;
  onSubmit: (variables: ReportIncidentMutationVariables) => void;
  onCancel: () => void;
}) {
  const [v, setV] = useState({ kind: 'NEAR_MISS' as IncidentKind, projectId: '', occurredOn: isoDate(), description: '', daysLost: '' });
  const [tried, setTried] = useState(false);
  const problems = reportProblems(v);
  const shown = (field: string) => (tried ? (problems[field] ?? null) : null);
  const set = (patch: Partial<typeof v>) => setV((old) => ({ ...old, ...patch }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (Object.keys(problems).length > 0) return;
    onSubmit({
      kind: v.kind,
      projectId: v.projectId.trim(),
      occurredOn: v.occurredOn,
      description: v.description.trim(),
      daysLost: v.kind === 'LOST_TIME_INJURY' ? Number(v.daysLost) : 0,
    });
  };
  return (
    <form onSubmit={submit} aria-label="Report incident" noValidate>
      <Stack gap="sm">
        <NativeSelect label="Kind" required data={KINDS.map((k) => ({ value: k, label: humanize(k) }))} value={v.kind} onChange={(e) => set({ kind: e.currentTarget.value as IncidentKind })} />
        <TextInput label="Project" description="Its code or id" required value={v.projectId} onChange={(e) => set({ projectId: e.currentTarget.value })} error={shown('projectId')} />
        <TextInput label="Occurred on" type="date" required value={v.occurredOn} onChange={(e) => set({ occurredOn: e.currentTarget.value })} error={shown('occurredOn')} />
        <Textarea label="What happened" required rows={3} value={v.description} onChange={(e) => set({ description: e.currentTarget.value })} error={shown('description')} />
        {v.kind === 'LOST_TIME_INJURY' ? (
          <TextInput label="Days lost" required inputMode="numeric" value={v.daysLost} onChange={(e) => set({ daysLost: e.currentTarget.value })} error={shown('daysLost')} />
        ) : null}
        {error ? <ErrorAlert error={error} action="report incidents" title="Not reported" /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={submitting}>
            Report incident
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function InvestigateModal({
  opened,
  onClose,
  onSubmit,
  pending,
  error,
}: {
  opened: boolean;
  onClose: () => void;
  onSubmit: (value: { rootCause: string; actions: string[] }) => void;
  pending: boolean;
  error: unknown;
}) {
  const [rootCause, setRootCause] = useState('');
  const [actions, setActions] = useState('');
  const [tried, setTried] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!rootCause.trim()) return;
    onSubmit({ rootCause: rootCause.trim(), actions: actions.split('\n').map((a) => a.trim()).filter(Boolean) });
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Investigate incident">
      <form onSubmit={submit} aria-label="Investigate incident" noValidate>
        <Stack gap="sm">
          <Textarea label="Root cause" required rows={2} value={rootCause} onChange={(e) => setRootCause(e.currentTarget.value)} error={tried && !rootCause.trim() ? 'What caused it?' : null} data-autofocus />
          <Textarea label="Actions" description="One a line" rows={2} value={actions} onChange={(e) => setActions(e.currentTarget.value)} />
          {error ? <ErrorAlert error={error} action="investigate incidents" title="Not recorded" /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              Record investigation
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
