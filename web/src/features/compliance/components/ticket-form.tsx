// "New ticket", for everyone: subject (one line), what it is about, category, priority
// and optionally the account or project it concerns (their ids); checked before it is
// sent, the server's refusal above the button.

import { Button, Group, NativeSelect, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';

import { ErrorAlert } from '@/components/ui/query-state';
import type { OpenTicketMutationVariables, TicketPriority } from '@/gql/graphql';
import { humanize } from '@/lib/format';

const PRIORITIES: readonly TicketPriority[] = ['URGENT', 'HIGH', 'NORMAL', 'LOW'];
const CATEGORIES = ['General', 'Defect', 'Billing', 'Access', 'Site', 'IT'];

export function TicketForm({
  submitting,
  error,
  onSubmit,
  onCancel,
}: {
  submitting: boolean;
  error: unknown;
  onSubmit: (variables: OpenTicketMutationVariables) => void;
  onCancel: () => void;
}) {
  const [v, setV] = useState({ subject: '', description: '', category: 'General', priority: 'NORMAL' as TicketPriority, accountId: '', projectId: '' });
  const [tried, setTried] = useState(false);
  const set = (patch: Partial<typeof v>) => setV((old) => ({ ...old, ...patch }));
  const subjectError = !v.subject.trim() ? 'A subject is needed.' : /\n/.test(v.subject) ? 'One line.' : null;
  const descriptionError = !v.description.trim() ? 'Say what it is about.' : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (subjectError || descriptionError) return;
    onSubmit({
      subject: v.subject.trim(),
      description: v.description.trim(),
      category: v.category,
      priority: v.priority,
      accountId: v.accountId.trim() || null,
      projectId: v.projectId.trim() || null,
    });
  };
  return (
    <form onSubmit={submit} aria-label="New ticket" noValidate>
      <Stack gap="sm">
        <TextInput label="Subject" required value={v.subject} onChange={(e) => set({ subject: e.currentTarget.value })} error={tried ? subjectError : null} data-autofocus />
        <Textarea label="Description" required rows={3} value={v.description} onChange={(e) => set({ description: e.currentTarget.value })} error={tried ? descriptionError : null} />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <NativeSelect label="Category" data={CATEGORIES} value={v.category} onChange={(e) => set({ category: e.currentTarget.value })} />
          <NativeSelect label="Priority" data={PRIORITIES.map((p) => ({ value: p, label: humanize(p) }))} value={v.priority} onChange={(e) => set({ priority: e.currentTarget.value as TicketPriority })} />
          <TextInput label="Account id (optional)" value={v.accountId} onChange={(e) => set({ accountId: e.currentTarget.value })} />
          <TextInput label="Project id (optional)" value={v.projectId} onChange={(e) => set({ projectId: e.currentTarget.value })} />
        </SimpleGrid>
        {error ? <ErrorAlert error={error} action="raise tickets" title="Not raised" /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={submitting}>
            Raise ticket
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
