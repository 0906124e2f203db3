// "New pay run": the frequency, the period — a calendar month for a monthly run (the
// end follows the start), Monday to Sunday for a weekly one — and the pay date, within
// the period or the week after it. Checked before anything is sent; whether SARS's
// table for the pay date's tax year is loaded is the server's (2025 and 2026 are: pay
// dates up to 2026-02-28), and its refusal ("payDate: no SARS tax table for the 2027 tax
// year …") is shown in its words, the pay date marked.

import { Button, Group, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';

import { ErrorAlert } from '@/components/ui/query-state';
import type { OpenPayRunMutationVariables, PayFrequency } from '@/gql/graphql';
import { fieldErrors } from '@/lib/errors';
import { isoDate } from '@/lib/format';

import { endOfMonth, mondayOf, PAY_FREQUENCIES, plusDays, validDate, weekday, withoutInput } from './labels';

type Field = keyof OpenPayRunMutationVariables;

/** The period that follows from its start: to the month's end, or the Sunday after. */
export function periodEnd(frequency: PayFrequency, start: string): string {
  if (!validDate(start)) return '';
  return frequency === 'MONTHLY' ? endOfMonth(start) : plusDays(start, 6);
}

/** This month (or this week), paid on the 25th (or the Friday). */
export function newPayRun(frequency: PayFrequency = 'MONTHLY', today = isoDate()): OpenPayRunMutationVariables {
  const periodStart = frequency === 'MONTHLY' ? `${today.slice(0, 8)}01` : mondayOf(today);
  return { frequency, periodStart, periodEnd: periodEnd(frequency, periodStart), payDate: frequency === 'MONTHLY' ? `${today.slice(0, 8)}25` : plusDays(periodStart, 4) };
}

export function payRunProblems(v: OpenPayRunMutationVariables): Partial<Record<Field, string>> {
  const p: Partial<Record<Field, string>> = {};
  if (!validDate(v.periodStart)) p.periodStart = 'A date, e.g. 2026-02-01';
  else if (v.frequency === 'MONTHLY' && !v.periodStart.endsWith('-01')) p.periodStart = 'A monthly run starts on the first of a month';
  else if (v.frequency === 'WEEKLY' && weekday(v.periodStart) !== 1) p.periodStart = 'A weekly run starts on a Monday';
  if (!validDate(v.periodEnd)) p.periodEnd = 'A date, e.g. 2026-02-28';
  else if (!p.periodStart && v.periodEnd !== periodEnd(v.frequency, v.periodStart)) p.periodEnd = v.frequency === 'MONTHLY' ? 'The last day of the same month' : 'The Sunday six days after the start';
  if (!validDate(v.payDate)) p.payDate = 'A date, e.g. 2026-02-25';
  else if (!p.periodStart && !p.periodEnd && (v.payDate < v.periodStart || v.payDate > plusDays(v.periodEnd, 7))) p.payDate = 'Within the period or the week after it';
  return p;
}

export function PayRunForm({
  onSubmit,
  onCancel,
  submitting = false,
  error,
}: {
  onSubmit: (variables: OpenPayRunMutationVariables) => void;
  onCancel: () => void;
  submitting?: boolean;
  error?: unknown;
}) {
  const [v, setValues] = useState<OpenPayRunMutationVariables>(() => newPayRun());
  const [changed, setChanged] = useState(false);
  const set = (next: OpenPayRunMutationVariables) => {
    setValues(next);
    setChanged(true);
  };
  const problems = payRunProblems(v);
  const server = changed ? {} : withoutInput(fieldErrors(error));
  const shown = (field: Field) => problems[field] ?? (server[field] ? true : undefined);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (Object.keys(problems).length > 0) return;
    setChanged(false);
    onSubmit(v);
  };
  return (
    <form aria-label="New pay run" noValidate onSubmit={submit}>
      <Stack gap="sm">
        <NativeSelect
          label="Frequency"
          data={[...PAY_FREQUENCIES]}
          value={v.frequency}
          onChange={(e) => {
            const frequency = e.currentTarget.value as PayFrequency;
            set(newPayRun(frequency, validDate(v.periodStart) ? v.periodStart : isoDate()));
          }}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label="Period starts"
            type="date"
            required
            value={v.periodStart}
            onChange={(e) => {
              const periodStart = e.currentTarget.value;
              set({ ...v, periodStart, periodEnd: periodEnd(v.frequency, periodStart) || v.periodEnd });
            }}
            error={shown('periodStart')}
            description={v.frequency === 'MONTHLY' ? 'The first of the month' : 'A Monday'}
          />
          <TextInput label="Period ends" type="date" required value={v.periodEnd} onChange={(e) => set({ ...v, periodEnd: e.currentTarget.value })} error={shown('periodEnd')} />
          <TextInput label="Pay date" type="date" required value={v.payDate} onChange={(e) => set({ ...v, payDate: e.currentTarget.value })} error={shown('payDate')} description="Its tax year's SARS table applies" />
        </SimpleGrid>
        {error && !changed ? <ErrorAlert error={error} action="open pay runs" title="The pay run was not opened" /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={submitting}>
            Open pay run
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
