// "Request leave": the kind, the first and last day (both included) and the reason,
// checked before anything is sent (real dates, the last not before the first, a reason
// of at most 500 characters). Working days, the balance and overlaps are the server's;
// its refusal ("5 of annual leave asked, 3.25 available on …") is shown in its words,
// with the field it names marked.

import { Button, Group, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';

import { ErrorAlert } from '@/components/ui/query-state';
import type { LeaveKind } from '@/gql/graphql';
import { fieldErrors } from '@/lib/errors';
import { isoDate } from '@/lib/format';

import { LEAVE_KINDS, validDate, withoutInput } from './labels';

export interface LeaveValues {
  kind: LeaveKind;
  from: string;
  to: string;
  reason: string;
}

type LeaveField = keyof LeaveValues;

export function leaveProblems(v: LeaveValues): Partial<Record<LeaveField, string>> {
  const p: Partial<Record<LeaveField, string>> = {};
  if (!v.from) p.from = 'Required';
  else if (!validDate(v.from)) p.from = 'A date, e.g. 2026-02-09';
  if (!v.to) p.to = 'Required';
  else if (!validDate(v.to)) p.to = 'A date, e.g. 2026-02-13';
  else if (!p.from && v.to < v.from) p.to = 'Not before the first day';
  if (!v.reason.trim()) p.reason = 'Required';
  else if (v.reason.trim().length > 500) p.reason = 'At most 500 characters';
  return p;
}

export function LeaveForm({ onSubmit, submitting = false, error }: { onSubmit: (values: LeaveValues) => void; submitting?: boolean; error?: unknown }) {
  const [v, setValues] = useState<LeaveValues>(() => ({ kind: 'ANNUAL', from: isoDate(), to: isoDate(), reason: '' }));
  const [tried, setTried] = useState(false);
  const [changed, setChanged] = useState(false);
  const set = (patch: Partial<LeaveValues>) => {
    setValues((old) => ({ ...old, ...patch }));
    setChanged(true);
  };
  const problems = leaveProblems(v);
  const server = changed ? {} : withoutInput(fieldErrors(error));
  const shown = (field: LeaveField) => {
    const p = problems[field];
    return (p && (tried || p !== 'Required') ? p : undefined) ?? (server[field] ? true : undefined);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (Object.keys(problems).length > 0) return;
    setChanged(false);
    onSubmit({ ...v, reason: v.reason.trim() });
  };
  return (
    <form aria-label="Request leave" noValidate onSubmit={submit}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NativeSelect label="Kind" required data={[...LEAVE_KINDS]} value={v.kind} onChange={(e) => set({ kind: e.currentTarget.value as LeaveKind })} error={shown('kind')} />
          <TextInput label="From" type="date" required value={v.from} onChange={(e) => set({ from: e.currentTarget.value })} error={shown('from')} description="The first day" />
          <TextInput label="To" type="date" required value={v.to} onChange={(e) => set({ to: e.currentTarget.value })} error={shown('to')} description="The last day (included)" />
        </SimpleGrid>
        <TextInput label="Reason" required value={v.reason} onChange={(e) => set({ reason: e.currentTarget.value })} error={shown('reason')} />
        {error && !changed ? <ErrorAlert error={error} action="request leave" title="The leave was not requested" /> : null}
        <Group justify="flex-end">
          <Button type="submit" loading={submitting}>
            Request leave
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
