// Stock held for a confirmed sales order or a project requisition; the reservation's id
// comes back (an issue can draw on it).

import { Stack, TextInput } from '@mantine/core';

import type { Position, ReserveStockValues } from '../api/stock-commands';
import { asCode, FormFooter, PositionFields, positionSpecs, useStockForm, type PositionSuggestions } from './stock-form';
import { quantity, reference } from './stock-rules';

const SPECS = {
  ...positionSpecs,
  quantity: { rule: quantity, required: true },
  purpose: { rule: reference, required: true },
};

export function ReserveForm({
  position,
  suggestions,
  onSubmit,
  onCancel,
  submitting = false,
  error,
}: {
  position?: Partial<Position>;
  suggestions: PositionSuggestions;
  onSubmit: (values: ReserveStockValues) => void;
  onCancel: () => void;
  submitting?: boolean;
  error?: unknown;
}) {
  const form = useStockForm(SPECS, { product: position?.product ?? '', location: position?.location ?? '', quantity: '', purpose: '' }, error);
  return (
    <form
      aria-label="Reserve stock"
      noValidate
      onSubmit={form.submit((v) => onSubmit({ product: asCode(v.product), location: asCode(v.location), quantity: v.quantity.trim(), purpose: v.purpose.trim() }))}
    >
      <Stack gap="sm">
        <PositionFields form={form} suggestions={suggestions} />
        <TextInput label="Quantity" description="Up to 3 decimal places; no more than is available" inputMode="decimal" {...form.input('quantity')} />
        <TextInput label="Purpose" description="What it is held for: a sales order or requisition, e.g. SO-000123" {...form.input('purpose')} />
        <FormFooter general={form.general} action="reserve stock" submitLabel="Reserve" submitting={submitting} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
