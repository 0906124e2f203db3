import { Alert, Button, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';

import { describeError, fieldErrors } from '@/lib/errors';
import type { AccountKind } from '@/gql/graphql';

export interface AccountFormValues {
  kind: AccountKind;
  name: string;
  registrationNumber: string;
  vatNumber: string;
}

/** Creates an account (with its kind) or edits its registered details (without). */
export function AccountForm({
  initial,
  withKind,
  submitLabel,
  onSubmit,
  submitting,
  error,
}: {
  initial: AccountFormValues;
  withKind: boolean;
  submitLabel: string;
  onSubmit: (values: AccountFormValues) => void;
  submitting: boolean;
  error: unknown;
}) {
  const [values, setValues] = useState(initial);
  const fields = fieldErrors(error);
  const set = (patch: Partial<AccountFormValues>) => setValues((v) => ({ ...v, ...patch }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (values.name.trim()) onSubmit(values);
  };
  return (
    <form onSubmit={submit} aria-label={submitLabel}>
      <Stack maw={520}>
        {withKind ? (
          <NativeSelect
            label="Kind"
            value={values.kind}
            onChange={(e) => set({ kind: e.currentTarget.value as AccountKind })}
            data={[
              { value: 'CUSTOMER', label: 'Customer' },
              { value: 'VENDOR', label: 'Vendor' },
              { value: 'SUBCONTRACTOR', label: 'Subcontractor' },
            ]}
          />
        ) : null}
        <TextInput label="Registered name" required value={values.name} onChange={(e) => set({ name: e.currentTarget.value })} error={fields.name} />
        <TextInput
          label="Company registration number"
          description="CIPC format, e.g. 2011/004512/07"
          value={values.registrationNumber}
          onChange={(e) => set({ registrationNumber: e.currentTarget.value })}
          error={fields.registrationNumber}
        />
        <TextInput
          label="VAT number"
          description="Ten digits starting with 4"
          value={values.vatNumber}
          onChange={(e) => set({ vatNumber: e.currentTarget.value })}
          error={fields.vatNumber}
        />
        {error && Object.keys(fields).length === 0 ? (
          <Alert color="red" role="alert" title="Not saved">
            {describeError(error, 'change accounts')}
          </Alert>
        ) : null}
        <Group>
          <Button type="submit" loading={submitting} disabled={!values.name.trim()}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
