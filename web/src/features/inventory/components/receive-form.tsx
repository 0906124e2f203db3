// Goods received into a location: quantity, unit cost (rand excl. VAT, up to 4 places)
// and the goods receipt, delivery note or return they came in on.

import { SimpleGrid, Stack, TextInput } from '@mantine/core';

import type { Position, ReceiveStockValues } from '../api/stock-commands';
import { asCode, FormFooter, PositionFields, positionSpecs, useStockForm, type PositionSuggestions } from './stock-form';
import { quantity, reference, unitCost } from './stock-rules';

const SPECS = {
  ...positionSpecs,
  quantity: { rule: quantity, required: true },
  unitCost: { rule: unitCost, required: true },
  reference: { rule: reference, required: true },
};

export function ReceiveForm({
  position,
  suggestions,
  onSubmit,
  onCancel,
  submitting = false,
  error,
}: {
  position?: Partial<Position>;
  suggestions: PositionSuggestions;
  onSubmit: (values: ReceiveStockValues) => void;
  onCancel: () => void;
  submitting?: boolean;
  error?: unknown;
}) {
  const form = useStockForm(SPECS, { product: position?.product ?? '', location: position?.location ?? '', quantity: '', unitCost: '', reference: '' }, error);
  return (
    <form
      aria-label="Receive stock"
      noValidate
      onSubmit={form.submit((v) =>
        onSubmit({ product: asCode(v.product), location: asCode(v.location), quantity: v.quantity.trim(), unitCost: v.unitCost.trim(), reference: v.reference.trim() }),
      )}
    >
      <Stack gap="sm">
        <PositionFields form={form} suggestions={suggestions} />
        <SimpleGrid cols={2}>
          <TextInput label="Quantity" description="Up to 3 decimal places" inputMode="decimal" {...form.input('quantity')} />
          <TextInput label="Unit cost (R)" description="Excl. VAT, up to 4 decimal places" inputMode="decimal" {...form.input('unitCost')} />
        </SimpleGrid>
        <TextInput label="Reference" description="The goods received note, delivery note or return, e.g. GRN-0042" {...form.input('reference')} />
        <FormFooter general={form.general} action="receive stock" submitLabel="Receive" submitting={submitting} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
