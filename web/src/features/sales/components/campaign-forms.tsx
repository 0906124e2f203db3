// What is done to a running campaign: spend recorded (an amount above nought, what it was
// for, the date), a lead's response (the lead, responded or a site visit booked, the
// date — not before the campaign starts, the server says) and closing it (the date).
// Each checked as the server checks it before anything is sent; the server's refusal is
// shown in an alert, in its words, with the field it names marked.

import { Button, Group, NativeSelect, SegmentedControl, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';

import { ErrorAlert } from '@/components/ui/query-state';
import type { CampaignResponseKind } from '@/gql/graphql';
import { isoDate } from '@/lib/format';

import type { ResponseValues, SpendValues } from '../api/campaign-actions';
import { RESPONSE_KINDS, serverFields, spendProblems, type SpendFormValues } from './marketing-rules';

function Footer({ error, action, submitLabel, submitting, changed, onCancel, color }: {
  error: unknown;
  action: string;
  submitLabel: string;
  submitting: boolean;
  changed: boolean;
  onCancel: () => void;
  color?: string;
}): ReactNode {
  return (
    <>
      {error && !changed ? <ErrorAlert error={error} action={action} title="Not done" /> : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" loading={submitting} color={color}>
          {submitLabel}
        </Button>
      </Group>
    </>
  );
}

interface FormProps<T> {
  onSubmit: (values: T) => void;
  onCancel: () => void;
  submitting?: boolean;
  error?: unknown;
}

export function SpendForm({ onSubmit, onCancel, submitting = false, error }: FormProps<SpendValues>) {
  const [v, setValues] = useState<SpendFormValues>({ amount: '', note: '', on: isoDate() });
  const [tried, setTried] = useState(false);
  const [changed, setChanged] = useState(false);
  const set = (patch: Partial<SpendFormValues>) => {
    setValues((old) => ({ ...old, ...patch }));
    setChanged(true);
  };
  const problems = spendProblems(v);
  const server = changed ? {} : serverFields(error);
  const shown = (field: keyof SpendFormValues) => {
    const p = problems[field];
    // A problem with what is typed shows at once; a blank field once submit is tried.
    return (p && (tried || v[field].trim() !== '') ? p : undefined) ?? (server[field] ? true : undefined);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (Object.keys(problems).length > 0) return;
    setChanged(false);
    onSubmit({ amount: v.amount.trim(), note: v.note.trim(), on: v.on });
  };
  return (
    <form aria-label="Record spend" noValidate onSubmit={submit}>
      <Stack gap="sm">
        <SimpleGrid cols={2}>
          <TextInput label="Amount (R)" required inputMode="decimal" value={v.amount} onChange={(e) => set({ amount: e.currentTarget.value })} error={shown('amount')} data-autofocus />
          <TextInput label="On" type="date" required value={v.on} onChange={(e) => set({ on: e.currentTarget.value })} error={shown('on')} />
        </SimpleGrid>
        <Textarea label="Note" description="What it paid for, e.g. stand hire" required rows={2} value={v.note} onChange={(e) => set({ note: e.currentTarget.value })} error={shown('note')} />
        <Footer error={error} action="record campaign spend" submitLabel="Record spend" submitting={submitting} changed={changed} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

export interface LeadChoice {
  leadId: string;
  companyName?: string | null;
}

export function ResponseForm({ leads, onSubmit, onCancel, submitting = false, error }: FormProps<ResponseValues> & { leads: readonly LeadChoice[] }) {
  const [leadId, setLeadId] = useState('');
  const [kind, setKind] = useState<CampaignResponseKind>('RESPONDED');
  const [on, setOn] = useState(isoDate());
  const [tried, setTried] = useState(false);
  const [changed, setChanged] = useState(false);
  const touch = () => setChanged(true);
  const server = changed ? {} : serverFields(error);
  const choices = [...leads].sort((a, b) => (a.companyName ?? a.leadId).localeCompare(b.companyName ?? b.leadId));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!leadId || !on) return;
    setChanged(false);
    onSubmit({ leadId, kind, on });
  };
  return (
    <form aria-label="Record response" noValidate onSubmit={submit}>
      <Stack gap="sm">
        <NativeSelect
          label="Lead"
          required
          data={[{ value: '', label: 'Choose a lead' }, ...choices.map((l) => ({ value: l.leadId, label: l.companyName ?? l.leadId }))]}
          value={leadId}
          onChange={(e) => {
            setLeadId(e.currentTarget.value);
            touch();
          }}
          error={tried && !leadId ? 'Choose the lead that responded' : server.leadId ? true : undefined}
          data-autofocus
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="response-kind">
            Response
          </Text>
          <SegmentedControl
            aria-labelledby="response-kind"
            data={[...RESPONSE_KINDS]}
            value={kind}
            onChange={(value) => {
              setKind(value as CampaignResponseKind);
              touch();
            }}
          />
        </Stack>
        <TextInput
          label="On"
          type="date"
          required
          w={200}
          value={on}
          onChange={(e) => {
            setOn(e.currentTarget.value);
            touch();
          }}
          error={tried && !on ? 'Required' : server.on ? true : undefined}
        />
        <Footer error={error} action="record campaign responses" submitLabel="Record response" submitting={submitting} changed={changed} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

export function CloseForm({ name, onSubmit, onCancel, submitting = false, error }: FormProps<string> & { name: string }) {
  const [on, setOn] = useState(isoDate());
  const [changed, setChanged] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!on) return;
    setChanged(false);
    onSubmit(on);
  };
  return (
    <form aria-label="Close campaign" noValidate onSubmit={submit}>
      <Stack gap="sm">
        <Text size="sm">
          Close <strong>{name}</strong>? A closed campaign takes no more spend or responses; its figures stay.
        </Text>
        <TextInput
          label="Closed on"
          type="date"
          required
          w={200}
          value={on}
          onChange={(e) => {
            setOn(e.currentTarget.value);
            setChanged(true);
          }}
          error={!on ? 'Required' : undefined}
        />
        <Footer error={error} action="close campaigns" submitLabel="Close campaign" submitting={submitting} changed={changed} onCancel={onCancel} color="red" />
      </Stack>
    </form>
  );
}
