// The PAYE calculator's form: pay date (today to start with), the month's remuneration,
// the age and the members on a medical scheme, checked before anything is sent
// (`paye-rules.ts`). A field the server's refusal names ("payDate: no SARS tax table …")
// is marked; the refusal itself is shown beside the form, in the server's words.

import { Button, Group, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';

import type { PayeCalculationQueryVariables } from '@/gql/graphql';
import { fieldErrors } from '@/lib/errors';

import { newPayeValues, payeProblems, payeVariables, type PayeField, type PayeValues } from './paye-rules';

export function PayeForm({
  onSubmit,
  submitting = false,
  error,
}: {
  onSubmit: (variables: PayeCalculationQueryVariables) => void;
  submitting?: boolean;
  error?: unknown;
}) {
  const [v, setValues] = useState<PayeValues>(newPayeValues);
  const [tried, setTried] = useState(false);
  const [changed, setChanged] = useState(false);
  const set = (patch: Partial<PayeValues>) => {
    setValues((old) => ({ ...old, ...patch }));
    setChanged(true);
  };
  const problems = payeProblems(v);
  const server = changed ? {} : fieldErrors(error);
  // A problem with what is typed shows at once; a blank field once submit is tried.
  const shown = (field: PayeField) => {
    const p = problems[field];
    return (p && (tried || !p.startsWith('Required')) ? p : undefined) ?? (server[field] ? true : undefined);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (Object.keys(problems).length > 0) return;
    setChanged(false);
    onSubmit(payeVariables(v));
  };
  return (
    <form aria-label="PAYE calculator" noValidate onSubmit={submit}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Pay date" type="date" required value={v.payDate} onChange={(e) => set({ payDate: e.currentTarget.value })} error={shown('payDate')} description="Taxed by the table of its tax year" />
          <TextInput
            label="Monthly remuneration (R)"
            required
            inputMode="decimal"
            description="Regular remuneration for the month, e.g. 30000.00"
            value={v.monthlyRemuneration}
            onChange={(e) => set({ monthlyRemuneration: e.currentTarget.value })}
            error={shown('monthlyRemuneration')}
          />
          <TextInput label="Age" required inputMode="numeric" description="On the last day of the tax year" value={v.age} onChange={(e) => set({ age: e.currentTarget.value })} error={shown('age')} />
          <TextInput
            label="Medical scheme members"
            required
            inputMode="numeric"
            description="The employee and dependants on the scheme (0: none)"
            value={v.medicalMembers}
            onChange={(e) => set({ medicalMembers: e.currentTarget.value })}
            error={shown('medicalMembers')}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={submitting}>
            Calculate
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
