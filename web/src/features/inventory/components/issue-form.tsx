// Goods issued from a location to a project's cost code, at weighted average cost;
// drawn from a reservation first when its id is given.

import { SimpleGrid, Stack, TextInput } from '@mantine/core';

import type { IssueStockValues, Position } from '../api/stock-commands';
import { asCode, FormFooter, PositionFields, positionSpecs, useStockForm, type PositionSuggestions } from './stock-form';
import { code, quantity, reservationId } from './stock-rules';

const SPECS = {
  ...positionSpecs,
  quantity: { rule: quantity, required: true },
  projectId: { rule: code, required: true },
  costCode: { rule: code, required: true },
  reservationId: { rule: reservationId },
};

export function IssueForm({
  position,
  suggestions,
  onSubmit,
  onCancel,
  submitting = false,
  error,
}: {
  position?: Partial<Position>;
  suggestions: PositionSuggestions;
  onSubmit: (values: IssueStockValues) => void;
  onCancel: () => void;
  submitting?: boolean;
  error?: unknown;
}) {
  const form = useStockForm(
    SPECS,
    { product: position?.product ?? '', location: position?.location ?? '', quantity: '', projectId: '', costCode: '', reservationId: '' },
    error,
  );
  return (
    <form
      aria-label="Issue stock"
      noValidate
      onSubmit={form.submit((v) =>
        onSubmit({
          product: asCode(v.product),
          location: asCode(v.location),
          quantity: v.quantity.trim(),
          projectId: v.projectId.trim(),
          costCode: v.costCode.trim(),
          reservationId: v.reservationId.trim() || null,
        }),
      )}
    >
      <Stack gap="sm">
        <PositionFields form={form} suggestions={suggestions} />
        <TextInput label="Quantity" description="Up to 3 decimal places; no more than is available" inputMode="decimal" {...form.input('quantity')} />
        <SimpleGrid cols={2}>
          <TextInput label="Project" description="The project's code, e.g. PRJ-2026-001" {...form.input('projectId')} />
          <TextInput label="Cost code" description="e.g. CONCRETE" {...form.input('costCode')} />
        </SimpleGrid>
        <TextInput label="Reservation (optional)" description="The id reserving answered, to draw on it first" {...form.input('reservationId')} />
        <FormFooter general={form.general} action="issue stock" submitLabel="Issue" submitting={submitting} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
