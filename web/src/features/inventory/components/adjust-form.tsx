// A correction of the quantity on hand after a count or a loss: a signed change (a count
// short is negative), why, and a note.

import { NativeSelect, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';

import type { AdjustmentReason } from '@/gql/graphql';

import type { AdjustStockValues, Position } from '../api/stock-commands';
import { asCode, FormFooter, PositionFields, positionSpecs, useStockForm, type PositionSuggestions } from './stock-form';
import { delta, note } from './stock-rules';

const REASONS: { value: AdjustmentReason; label: string }[] = [
  { value: 'COUNT', label: 'Count' },
  { value: 'DAMAGE', label: 'Damage' },
  { value: 'THEFT', label: 'Theft' },
  { value: 'OTHER', label: 'Other' },
];

const isReason = (value: string): value is AdjustmentReason => REASONS.some((r) => r.value === value);

const SPECS = {
  ...positionSpecs,
  delta: { rule: delta, required: true },
  reason: { rule: (v: string) => (isReason(v) ? null : 'Choose a reason'), required: true },
  note: { rule: note, required: true },
};

export function AdjustForm({
  position,
  suggestions,
  onSubmit,
  onCancel,
  submitting = false,
  error,
}: {
  position?: Partial<Position>;
  suggestions: PositionSuggestions;
  onSubmit: (values: AdjustStockValues) => void;
  onCancel: () => void;
  submitting?: boolean;
  error?: unknown;
}) {
  const form = useStockForm(SPECS, { product: position?.product ?? '', location: position?.location ?? '', delta: '', reason: 'COUNT', note: '' }, error);
  return (
    <form
      aria-label="Adjust stock"
      noValidate
      onSubmit={form.submit((v) =>
        onSubmit({ product: asCode(v.product), location: asCode(v.location), delta: v.delta.trim(), reason: isReason(v.reason) ? v.reason : 'OTHER', note: v.note.trim() }),
      )}
    >
      <Stack gap="sm">
        <PositionFields form={form} suggestions={suggestions} />
        <SimpleGrid cols={2}>
          <TextInput label="Change in quantity" description="Signed: -2 when the count is short, 5 when found" inputMode="decimal" {...form.input('delta')} />
          <NativeSelect label="Reason" data={REASONS} {...form.input('reason')} />
        </SimpleGrid>
        <Textarea label="Note" description="What was found, e.g. the count sheet" minRows={2} {...form.input('note')} />
        <FormFooter general={form.general} action="adjust stock" submitLabel="Adjust" submitting={submitting} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
