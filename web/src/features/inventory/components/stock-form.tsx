// What the four stock forms share: their state and checks (a problem with a typed value
// is shown as it is typed; a required field left blank once submit is tried), the
// product and location fields (suggested from the positions on screen), and the
// server's refusal — next to the field it names (`quantity: only 6 is available …`),
// or above the button — until something is changed. Inventory's NOT_FOUND refusals name
// what was not found ("product: SAND-X is not in the product catalogue", "projectId: …
// is not a known project", "the reservation … does not exist"), so they are shown in the
// server's words too, not as the generic "not found".

import { Alert, Autocomplete, Button, Group, SimpleGrid } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';

import { describeError, fieldErrors, fieldMessage, GraphqlRequestError } from '@/lib/errors';

import { code, type Rule } from './stock-rules';

/** The fields of a form, each with its rule; `required` ones may not be blank. */
export interface FieldSpec {
  rule?: Rule;
  required?: boolean;
}

export function useStockForm<K extends string>(specs: Record<K, FieldSpec>, initial: Record<K, string>, serverError: unknown) {
  const [values, setValues] = useState(initial);
  const [tried, setTried] = useState(false);
  const [changedSinceSubmit, setChanged] = useState(false);
  const keys = Object.keys(specs) as K[];
  const problem = (key: K): string | null => {
    const value = values[key];
    const spec = specs[key];
    if (!value.trim()) return spec.required ? 'Required' : null;
    return spec.rule?.(value) ?? null;
  };
  const server = changedSinceSubmit ? {} : serverFieldErrors(serverError);
  const valid = keys.every((k) => problem(k) === null);
  const error = (key: K): string | undefined => {
    const p = problem(key);
    if (p && (tried || p !== 'Required')) return p;
    return server[key];
  };
  const general = serverError && !changedSinceSubmit && !keys.some((k) => server[k]) ? serverError : null;
  const set = (key: K, value: string) => {
    setValues((old) => ({ ...old, [key]: value }));
    setChanged(true);
  };
  /** The props of a text input for `key`. */
  const input = (key: K) => ({
    value: values[key],
    onChange: (e: { currentTarget: { value: string } }) => set(key, e.currentTarget.value),
    error: error(key),
    required: specs[key].required,
  });
  /** Tries to submit: `send` runs with the values when every field is right. */
  const submit = (send: (v: Record<K, string>) => void) => (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!valid) return;
    setChanged(false);
    send(values);
  };
  return { values, set, input, error, submit, general };
}

const notFound = (error: unknown): error is GraphqlRequestError => error instanceof GraphqlRequestError && error.code === 'NOT_FOUND';

/** The server's words by field: a `BAD_USER_INPUT` or `NOT_FOUND` message that names one. */
export function serverFieldErrors(error: unknown): Record<string, string> {
  const fields = fieldErrors(error);
  if (notFound(error)) {
    for (const entry of error.errors) {
      const { field, message } = fieldMessage(entry.message);
      if (field) fields[field] = message;
    }
  }
  return fields;
}

/** What to say about a refusal that names no field of the form. */
export function describeRefusal(error: unknown, action: string): string {
  return notFound(error) && error.message ? fieldMessage(error.message).message : describeError(error, action);
}

/** Codes as the stores write them: trimmed, upper case. */
export const asCode = (value: string) => value.trim().toUpperCase();

export interface PositionSuggestions {
  products: string[];
  locations: string[];
}

/** The product and location of the position a form moves, suggested from those on screen. */
export function PositionFields({
  form,
  suggestions,
}: {
  form: {
    values: { product: string; location: string };
    set: (key: 'product' | 'location', value: string) => void;
    error: (key: 'product' | 'location') => string | undefined;
  };
  suggestions: PositionSuggestions;
}) {
  return (
    <SimpleGrid cols={2}>
      <Autocomplete
        label="Product (SKU)"
        description="e.g. CEM-425-50KG"
        required
        data={suggestions.products}
        value={form.values.product}
        onChange={(v) => form.set('product', v)}
        error={form.error('product')}
        data-autofocus
      />
      <Autocomplete
        label="Location"
        description="The warehouse or site store, e.g. WH-JHB"
        required
        data={suggestions.locations}
        value={form.values.location}
        onChange={(v) => form.set('location', v)}
        error={form.error('location')}
      />
    </SimpleGrid>
  );
}

export const positionSpecs = { product: { rule: code, required: true }, location: { rule: code, required: true } } satisfies Record<string, FieldSpec>;

/** The refusal that names no field, the cancel and submit buttons. */
export function FormFooter({
  general,
  action,
  submitLabel,
  submitting,
  onCancel,
  children,
}: {
  general: unknown;
  action: string;
  submitLabel: string;
  submitting: boolean;
  onCancel: () => void;
  children?: ReactNode;
}) {
  return (
    <>
      {children}
      {general ? (
        <Alert color="red" role="alert" title="Not done">
          {describeRefusal(general, action)}
        </Alert>
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" loading={submitting}>
          {submitLabel}
        </Button>
      </Group>
    </>
  );
}
