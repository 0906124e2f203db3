// The form that raises an invoice. It prices the draft exactly as the server will
// (`lib/money.ts`) and shows each line's VAT, the totals, retention and the amount due
// before anything is sent; the server's own refusals show next to their fields.

import { ActionIcon, Alert, Button, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';

import { Money, NumberTh } from '@/components/ui/money';
import { describeError, fieldErrors } from '@/lib/errors';
import { isoDate } from '@/lib/format';
import { priceDraft, type VatTreatment } from '@/lib/money';

import { TotalsTable } from './invoice-totals';

export interface InvoiceFormLine {
  description: string;
  quantity: string;
  unitPrice: string;
  vatTreatment: VatTreatment;
  projectId: string;
}

export interface InvoiceFormValues {
  customerAccountId: string;
  date: string;
  retentionPercent: string;
  lines: InvoiceFormLine[];
}

export interface Option {
  value: string;
  label: string;
}

const emptyLine = (): InvoiceFormLine => ({
  description: '',
  quantity: '1',
  unitPrice: '',
  vatTreatment: 'STANDARD',
  projectId: '',
});

const TREATMENTS: Option[] = [
  { value: 'STANDARD', label: 'Standard (15%)' },
  { value: 'ZERO_RATED', label: 'Zero-rated (0%)' },
  { value: 'EXEMPT', label: 'Exempt' },
];

export function InvoiceForm({
  customers,
  projects,
  onSubmit,
  submitting = false,
  error,
}: {
  customers: Option[];
  projects: Option[];
  onSubmit: (values: InvoiceFormValues) => void;
  submitting?: boolean;
  error?: unknown;
}) {
  const [values, setValues] = useState<InvoiceFormValues>({
    customerAccountId: customers[0]?.value ?? '',
    date: isoDate(),
    retentionPercent: '',
    lines: [emptyLine()],
  });
  const totals = priceDraft(values.lines, values.retentionPercent);
  const serverFields = fieldErrors(error);
  const retentionOutOfRange = /retention/i.test(error instanceof Error ? error.message : '');

  const setLine = (index: number, patch: Partial<InvoiceFormLine>) =>
    setValues((v) => ({ ...v, lines: v.lines.map((line, i) => (i === index ? { ...line, ...patch } : line)) }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!totals.complete || !values.customerAccountId) return;
    onSubmit(values);
  };

  const lineError = (index: number, field: string) =>
    serverFields[`lines[${index}].${field}`] ?? (field === 'description' ? serverFields[`lines[${index}]`] : undefined);

  return (
    <form onSubmit={submit} aria-label="Raise invoice" noValidate>
      <Stack gap="md">
        <Group grow align="flex-start">
          <NativeSelect
            label="Customer"
            required
            data={customers}
            value={values.customerAccountId}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setValues((v) => ({ ...v, customerAccountId: value }));
            }}
            error={serverFields.customerAccountId}
          />
          <TextInput
            label="Invoice date"
            type="date"
            required
            value={values.date}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setValues((v) => ({ ...v, date: value }));
            }}
            error={serverFields.date}
          />
          <TextInput
            label="Retention (%)"
            description="0–20% of the total incl. VAT, withheld until completion"
            inputMode="decimal"
            value={values.retentionPercent}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setValues((v) => ({ ...v, retentionPercent: value }));
            }}
            error={
              serverFields.retentionPercent ??
              (retentionOutOfRange && error ? describeError(error) : undefined) ??
              (values.retentionPercent.trim() !== '' && !totals.complete && totals.lines.every((l) => l.total !== null)
                ? 'Enter a percentage from 0 to 20'
                : undefined)
            }
          />
        </Group>

        <Table aria-label="Invoice lines" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th miw={240}>Description</Table.Th>
              <Table.Th w={110}>Quantity</Table.Th>
              <Table.Th w={150}>Unit price (R)</Table.Th>
              <Table.Th w={170}>VAT</Table.Th>
              <Table.Th w={190}>Project</Table.Th>
              <NumberTh>Excl. VAT</NumberTh>
              <NumberTh>VAT</NumberTh>
              <NumberTh>Total</NumberTh>
              <Table.Th>
                <span className="mantine-visually-hidden">Remove</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {values.lines.map((line, index) => {
              const priced = totals.lines[index];
              const n = index + 1;
              return (
                <Table.Tr key={index}>
                  <Table.Td>
                    <TextInput
                      aria-label={`Line ${n} description`}
                      required
                      value={line.description}
                      onChange={(e) => setLine(index, { description: e.currentTarget.value })}
                      error={lineError(index, 'description')}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`Line ${n} quantity`}
                      inputMode="decimal"
                      value={line.quantity}
                      onChange={(e) => setLine(index, { quantity: e.currentTarget.value })}
                      error={lineError(index, 'quantity')}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`Line ${n} unit price`}
                      inputMode="decimal"
                      value={line.unitPrice}
                      onChange={(e) => setLine(index, { unitPrice: e.currentTarget.value })}
                      error={lineError(index, 'unitPrice')}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NativeSelect
                      aria-label={`Line ${n} VAT treatment`}
                      data={TREATMENTS}
                      value={line.vatTreatment}
                      onChange={(e) => setLine(index, { vatTreatment: e.currentTarget.value as VatTreatment })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NativeSelect
                      aria-label={`Line ${n} project`}
                      data={[{ value: '', label: 'No project' }, ...projects]}
                      value={line.projectId}
                      onChange={(e) => setLine(index, { projectId: e.currentTarget.value })}
                    />
                  </Table.Td>
                  <Table.Td ta="right" aria-label={`Line ${n} value excl. VAT`}>
                    {priced?.valueExclVat != null ? <Money cents={priced.valueExclVat} /> : '—'}
                  </Table.Td>
                  <Table.Td ta="right" aria-label={`Line ${n} VAT`}>
                    {priced?.vat != null ? <Money cents={priced.vat} /> : '—'}
                  </Table.Td>
                  <Table.Td ta="right" aria-label={`Line ${n} total`}>
                    {priced?.total != null ? <Money cents={priced.total} /> : '—'}
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Remove line ${n}`}
                      disabled={values.lines.length === 1}
                      onClick={() => setValues((v) => ({ ...v, lines: v.lines.filter((_, i) => i !== index) }))}
                    >
                      ×
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        <Group>
          <Button variant="light" onClick={() => setValues((v) => ({ ...v, lines: [...v.lines, emptyLine()] }))}>
            Add line
          </Button>
        </Group>

        <TotalsTable
          caption="Totals before submit"
          rows={[
            { label: 'Total excl. VAT', cents: totals.exclVat },
            { label: 'VAT', cents: totals.vat },
            { label: 'Total incl. VAT', cents: totals.inclVat, strong: true },
            { label: `Retention (${values.retentionPercent.trim() || '0'}% of the value excl. VAT)`, cents: totals.retention },
            { label: 'Less the VAT on retention (due when it is released)', cents: totals.vatDeferred },
            { label: 'Amount due', cents: totals.amountDue, strong: true },
          ]}
        />

        {error && Object.keys(serverFields).length === 0 && !retentionOutOfRange ? (
          <Alert color="red" title="The invoice was not raised" role="alert">
            {describeError(error, 'raise invoices')}
          </Alert>
        ) : null}
        {!totals.complete ? (
          <Text size="sm" c="dimmed">
            Every line needs a description, a quantity and a unit price above nought.
          </Text>
        ) : null}
        <Group justify="flex-end">
          <Button type="submit" loading={submitting} disabled={!totals.complete || !values.customerAccountId || values.lines.some((l) => !l.description.trim())}>
            Raise invoice
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
