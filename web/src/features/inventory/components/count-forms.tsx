// The count forms: opening a sheet for a location (chosen from the open locations) with
// a reference, and recording what was counted of a product on an open sheet. Checked
// before submit; the server's refusal shown next to the field it names, or above the
// button (`stock-form.tsx`).

import { Alert, Autocomplete, Button, Group, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';

import type { OpenCountValues } from '../api/count-commands';
import { counted } from './count-rules';
import { asCode, describeRefusal, FormFooter, useStockForm } from './stock-form';
import { code, reference } from './stock-rules';

const OPEN_SPECS = {
  location: { rule: code, required: true },
  reference: { rule: reference, required: true },
};

export function OpenCountForm({
  locations,
  onSubmit,
  onCancel,
  submitting = false,
  error,
}: {
  /** The open locations' codes and names. */
  locations: readonly { code: string; name: string }[];
  onSubmit: (values: OpenCountValues) => void;
  onCancel: () => void;
  submitting?: boolean;
  error?: unknown;
}) {
  const form = useStockForm(OPEN_SPECS, { location: '', reference: '' }, error);
  return (
    <form aria-label="New count" noValidate onSubmit={form.submit((v) => onSubmit({ location: asCode(v.location), reference: v.reference.trim() }))}>
      <Stack gap="sm">
        <NativeSelect
          label="Location"
          data={[{ value: '', label: 'Choose a location' }, ...locations.map((l) => ({ value: l.code, label: `${l.code} ${l.name}` }))]}
          data-autofocus
          {...form.input('location')}
        />
        <TextInput label="Reference" description="The count sheet's reference, e.g. COUNT-2026-12" {...form.input('reference')} />
        <FormFooter general={form.general} action="open a stock count" submitLabel="Open count" submitting={submitting} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

const RECORD_SPECS = {
  product: { rule: code, required: true },
  counted: { rule: counted, required: true },
};

export function RecordCountForm({
  products,
  onSubmit,
  submitting = false,
  error,
}: {
  /** SKUs to suggest (those held at the location). */
  products: readonly string[];
  onSubmit: (values: { product: string; counted: string }) => void;
  submitting?: boolean;
  error?: unknown;
}) {
  const form = useStockForm(RECORD_SPECS, { product: '', counted: '' }, error);
  return (
    <form aria-label="Record a count" noValidate onSubmit={form.submit((v) => onSubmit({ product: asCode(v.product), counted: v.counted.trim() }))}>
      <Stack gap="sm" maw={640}>
        <SimpleGrid cols={2}>
          <Autocomplete
            label="Product (SKU)"
            description="e.g. CEM-425-50KG"
            required
            data={[...products]}
            value={form.values.product}
            onChange={(v) => form.set('product', v)}
            error={form.error('product')}
          />
          <TextInput label="Counted" description="What is on the shelf; up to 3 decimal places" inputMode="decimal" {...form.input('counted')} />
        </SimpleGrid>
        {form.general ? (
          <Alert color="red" role="alert" title="Not done">
            {describeRefusal(form.general, 'record a count')}
          </Alert>
        ) : null}
        <Group>
          <Button type="submit" loading={submitting}>
            Record count
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
