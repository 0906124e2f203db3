// Discontinuing a product asks why (a reason of at most 500 characters, as the server
// checks it); the product then takes no more receipts.

import { Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';

import type { ProductRow } from '../api/get-products';
import { FormFooter } from './stock-form';

export function DiscontinueForm({ product, onSubmit, onCancel, submitting, error }: { product: ProductRow; onSubmit: (reason: string) => void; onCancel: () => void; submitting: boolean; error: unknown }) {
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const problem = !reason.trim() ? 'Say why it is discontinued' : reason.trim().length > 500 ? 'At most 500 characters' : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!problem) onSubmit(reason.trim());
  };
  return (
    <form aria-label={`Discontinue ${product.sku}`} noValidate onSubmit={submit}>
      <Stack gap="sm">
        <Text size="sm">
          {product.sku} ({product.description}) will take no more receipts; what is on hand can still be issued.
        </Text>
        <Textarea label="Reason" required rows={3} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={tried || reason.trim().length > 500 ? (problem ?? undefined) : undefined} data-autofocus />
        <FormFooter general={error} action="discontinue products" submitLabel="Discontinue" submitting={submitting} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
