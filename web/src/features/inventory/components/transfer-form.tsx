// Goods sent from one location to another: product, from, to (not the same), quantity,
// optionally the unit it is counted in (the stock unit if none), and the delivery note or
// requisition it travels on.

import { Autocomplete, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';

import type { TransferStockValues } from '../api/transfer-commands';
import { asCode, FormFooter, useStockForm } from './stock-form';
import { code, quantity, reference } from './stock-rules';

const SPECS = {
  product: { rule: code, required: true },
  fromLocation: { rule: code, required: true },
  toLocation: { rule: code, required: true },
  quantity: { rule: quantity, required: true },
  unit: { rule: code },
  reference: { rule: reference, required: true },
};

export function TransferForm({
  products,
  locations,
  onSubmit,
  onCancel,
  submitting = false,
  error,
}: {
  products: readonly string[];
  locations: readonly { code: string; name: string }[];
  onSubmit: (values: TransferStockValues) => void;
  onCancel: () => void;
  submitting?: boolean;
  error?: unknown;
}) {
  const form = useStockForm(SPECS, { product: '', fromLocation: '', toLocation: '', quantity: '', unit: '', reference: '' }, error);
  const options = [{ value: '', label: 'Choose a location' }, ...locations.map((l) => ({ value: l.code, label: `${l.code} ${l.name}` }))];
  const sameLocation = form.values.fromLocation !== '' && form.values.fromLocation === form.values.toLocation;
  const to = form.input('toLocation');
  return (
    <form
      aria-label="New transfer"
      noValidate
      onSubmit={(event) => {
        if (sameLocation) {
          event.preventDefault();
          return;
        }
        form.submit((v) =>
          onSubmit({
            product: asCode(v.product),
            fromLocation: asCode(v.fromLocation),
            toLocation: asCode(v.toLocation),
            quantity: v.quantity.trim(),
            unit: v.unit.trim() || null,
            reference: v.reference.trim(),
          }),
        )(event);
      }}
    >
      <Stack gap="sm">
        <Autocomplete
          label="Product (SKU)"
          description="e.g. CEM-425-50KG"
          required
          data={[...products]}
          value={form.values.product}
          onChange={(v) => form.set('product', v)}
          error={form.error('product')}
          data-autofocus
        />
        <SimpleGrid cols={2}>
          <NativeSelect label="From" data={options} {...form.input('fromLocation')} />
          <NativeSelect label="To" data={options} {...to} error={sameLocation ? 'Choose another location than the one it leaves' : to.error} />
        </SimpleGrid>
        <SimpleGrid cols={2}>
          <TextInput label="Quantity" description="Up to 3 decimal places" inputMode="decimal" {...form.input('quantity')} />
          <TextInput label="Unit (optional)" description="The stock unit if none" {...form.input('unit')} />
        </SimpleGrid>
        <TextInput label="Reference" description="The delivery note or requisition, e.g. DN-0042" {...form.input('reference')} />
        <FormFooter general={form.general} action="transfer stock" submitLabel="Send" submitting={submitting} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
