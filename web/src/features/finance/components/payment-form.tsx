// Records a payment received from a customer or made to a supplier, optionally settling
// one open invoice or bill with it.

import { Alert, Button, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';

import { ErrorAlert, Loading } from '@/components/ui/query-state';
import { describeError, fieldErrors } from '@/lib/errors';
import { formatRand, isoDate } from '@/lib/format';
import { parseRand } from '@/lib/money';
import type { PaymentDirection } from '@/gql/graphql';

import { usePaymentOptions } from '../api/get-payment-options';
import { useRecordPayment } from '../api/record-payment';

export function PaymentForm({ onDone }: { onDone: () => void }) {
  const options = usePaymentOptions(true);
  const record = useRecordPayment();
  const [direction, setDirection] = useState<PaymentDirection>('RECEIVED');
  const [counterpartyId, setCounterpartyId] = useState('');
  const [date, setDate] = useState(isoDate());
  const [amount, setAmount] = useState('');
  const [reference, setReference] = useState('');
  const [documentId, setDocumentId] = useState('');
  const fields = fieldErrors(record.error);

  if (options.isPending) return <Loading />;
  if (options.error) return <ErrorAlert error={options.error} action="record payments" onRetry={() => void options.refetch()} />;

  const parties = options.data.accounts.nodes.filter((a) => (direction === 'RECEIVED' ? a.kind === 'CUSTOMER' : a.kind !== 'CUSTOMER'));
  const open = (cents: string) => (parseRand(cents) ?? 0n) > 0n;
  const documents =
    direction === 'RECEIVED'
      ? options.data.invoices
          .filter((i) => i.recipient.accountId === counterpartyId && open(i.amountOpen))
          .map((i) => ({ value: i.id, label: `${i.number ?? 'draft'} (open ${formatRand(i.amountOpen)})` }))
      : options.data.bills
          .filter((b) => b.supplier.accountId === counterpartyId && open(b.amountOpen))
          .map((b) => ({ value: b.id, label: `${b.supplierReference} (open ${formatRand(b.amountOpen)})` }));
  const valid = counterpartyId !== '' && (parseRand(amount) ?? 0n) > 0n;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    record.mutate(
      {
        direction,
        counterpartyId,
        date,
        amount: amount.trim(),
        reference: reference.trim(),
        allocations: documentId ? [{ documentId, amount: amount.trim() }] : [],
      },
      { onSuccess: onDone },
    );
  };

  return (
    <form onSubmit={submit} aria-label="Record payment">
      <Stack>
        <NativeSelect
          label="Direction"
          value={direction}
          onChange={(e) => {
            setDirection(e.currentTarget.value as PaymentDirection);
            setCounterpartyId('');
            setDocumentId('');
          }}
          data={[
            { value: 'RECEIVED', label: 'Received from a customer' },
            { value: 'MADE', label: 'Paid to a supplier or subcontractor' },
          ]}
        />
        <NativeSelect
          label={direction === 'RECEIVED' ? 'Customer' : 'Supplier'}
          required
          value={counterpartyId}
          onChange={(e) => {
            setCounterpartyId(e.currentTarget.value);
            setDocumentId('');
          }}
          data={[{ value: '', label: 'Choose…' }, ...parties.map((p) => ({ value: p.id, label: p.name }))]}
          error={fields['counterpartyId']}
        />
        <Group grow>
          <TextInput label="Date" type="date" value={date} onChange={(e) => setDate(e.currentTarget.value)} error={fields['date']} />
          <TextInput label="Amount (R)" inputMode="decimal" required value={amount} onChange={(e) => setAmount(e.currentTarget.value)} error={fields['amount']} />
        </Group>
        <TextInput label="Reference" value={reference} onChange={(e) => setReference(e.currentTarget.value)} />
        <NativeSelect
          label="Settles"
          value={documentId}
          onChange={(e) => setDocumentId(e.currentTarget.value)}
          data={[{ value: '', label: 'Nothing yet (on account)' }, ...documents]}
        />
        {record.error && Object.keys(fields).length === 0 ? (
          <Alert color="red" role="alert" title="Not recorded">
            {describeError(record.error, 'record payments')}
          </Alert>
        ) : null}
        <Button type="submit" loading={record.isPending} disabled={!valid}>
          Record payment
        </Button>
      </Stack>
    </form>
  );
}
