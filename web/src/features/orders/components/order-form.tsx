// The form that places a sales order or raises a purchase order: the counterparty, the
// project (and a purchase order's cost code), the date, and lines — a product by SKU or
// a service line — each priced exactly as the server prices it (quantity × unit price,
// rounded half up to the cent, `lib/money.ts`), with the order's total excl. VAT. What
// the server would refuse for its form is shown before submit; its own refusals show
// next to the line they name, or above the button.

import { ActionIcon, Alert, Button, Group, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';

import { Money, NumberTh } from '@/components/ui/money';
import type { OrderLineInput } from '@/gql/graphql';
import { describeError, fieldErrors } from '@/lib/errors';
import { isoDate } from '@/lib/format';
import { compareDecimal, lineValue, parseDecimal, parseRand, type VatTreatment } from '@/lib/money';

import type { Choice } from '../api/trade-options';

export type OrderKind = 'sales' | 'purchase';

export interface OrderFormLine {
  sku: string;
  description: string;
  quantity: string;
  unitPrice: string;
  vatTreatment: VatTreatment;
}

/** What the form hands over: the input either mutation takes, less its party's field name. */
export interface OrderFormValues {
  accountId: string;
  projectId: string;
  costCode: string;
  date: string;
  retentionPercent: string | null;
  lines: OrderLineInput[];
}

const TREATMENTS = [
  { value: 'STANDARD', label: 'Standard (15%)' },
  { value: 'ZERO_RATED', label: 'Zero-rated (0%)' },
  { value: 'EXEMPT', label: 'Exempt' },
];

/** The domain's SKU rule (`domain/src/orders/lines.rs`): 2–40 of A–Z, 0–9 and `- . /`. */
const SKU = /^[A-Z0-9\-./]{2,40}$/;
/** The domain's quantity rule: more than nought, at most four decimals. */
const MAX_QUANTITY_SCALE = 4;

const emptyLine = (): OrderFormLine => ({ sku: '', description: '', quantity: '1', unitPrice: '', vatTreatment: 'STANDARD' });

interface CheckedLine {
  value: bigint | null;
  errors: Partial<Record<'sku' | 'description' | 'quantity' | 'unitPrice', string>>;
}

/** One line's value and what is wrong with it (nothing to say about fields left empty yet). */
export function checkLine(line: OrderFormLine): CheckedLine {
  const errors: CheckedLine['errors'] = {};
  const sku = line.sku.trim().toUpperCase();
  if (sku && !SKU.test(sku)) errors.sku = 'A SKU is 2–40 capital letters, digits and - . /';
  const quantity = parseDecimal(line.quantity);
  if (line.quantity.trim() && (!quantity || quantity.digits <= 0n)) errors.quantity = 'Enter a quantity above nought';
  else if (quantity && quantity.scale > MAX_QUANTITY_SCALE) errors.quantity = 'At most four decimal places';
  const price = parseRand(line.unitPrice);
  if (line.unitPrice.trim() && (price === null || price <= 0n)) errors.unitPrice = 'Enter a price above nought, in rand with at most two decimals';
  const value = quantity && quantity.digits > 0n && quantity.scale <= MAX_QUANTITY_SCALE && price !== null && price > 0n ? lineValue(quantity, price) : null;
  return { value, errors };
}

export function OrderForm({
  kind,
  parties,
  projects,
  onSubmit,
  submitting = false,
  error,
}: {
  kind: OrderKind;
  /** Customers for a sales order; vendors and subcontractors for a purchase order. */
  parties: Choice[];
  /** The projects to choose from; `null` when the caller may not read projects (then an id is typed). */
  projects: Choice[] | null;
  onSubmit: (values: OrderFormValues) => void;
  submitting?: boolean;
  error?: unknown;
}) {
  const sales = kind === 'sales';
  const [v, setV] = useState({
    accountId: parties[0]?.value ?? '',
    projectId: projects?.[0]?.value ?? '',
    costCode: '',
    date: isoDate(),
    retentionPercent: '',
  });
  const [lines, setLines] = useState<OrderFormLine[]>([emptyLine()]);
  const set = (patch: Partial<typeof v>) => setV((old) => ({ ...old, ...patch }));
  const setLine = (index: number, patch: Partial<OrderFormLine>) => setLines((old) => old.map((l, i) => (i === index ? { ...l, ...patch } : l)));

  const checked = lines.map(checkLine);
  const total = checked.reduce((sum, l) => sum + (l.value ?? 0n), 0n);
  const retention = parseDecimal(v.retentionPercent);
  const retentionError =
    sales && v.retentionPercent.trim() && (!retention || compareDecimal(retention, { digits: 0n, scale: 0 }) < 0 || compareDecimal(retention, { digits: 20n, scale: 0 }) > 0)
      ? 'Enter a percentage from 0 to 20'
      : undefined;
  const complete =
    Boolean(v.accountId && v.projectId.trim() && v.date) &&
    (sales || Boolean(v.costCode.trim())) &&
    !retentionError &&
    lines.every((l, i) => l.description.trim() && checked[i]?.value !== null && Object.keys(checked[i]?.errors ?? {}).length === 0);

  const server = fieldErrors(error);
  const lineServerError = (index: number, field: string) => server[`lines[${index}].${field}`] ?? (field === 'description' ? server[`lines[${index}]`] : undefined);
  const shown = (field: string) => /^lines\[\d+\]/.test(field) || ['customerAccountId', 'vendorAccountId', 'projectId', 'retentionPercent', 'costCode', 'date'].includes(field);
  const general = error && !Object.keys(server).some(shown) ? error : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!complete) return;
    onSubmit({
      accountId: v.accountId,
      projectId: v.projectId.trim(),
      costCode: v.costCode.trim(),
      date: v.date,
      retentionPercent: sales && v.retentionPercent.trim() ? v.retentionPercent.trim() : null,
      lines: lines.map((l) => ({
        sku: l.sku.trim() ? l.sku.trim().toUpperCase() : null,
        description: l.description.trim(),
        quantity: l.quantity.trim(),
        unitPrice: l.unitPrice.trim(),
        vatTreatment: l.vatTreatment,
      })),
    });
  };

  const title = sales ? 'New sales order' : 'New purchase order';
  return (
    <form onSubmit={submit} aria-label={title} noValidate>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 4 }}>
          <NativeSelect
            label={sales ? 'Customer' : 'Supplier'}
            description={sales ? undefined : 'A vendor or subcontractor'}
            required
            data={parties.length ? parties : [{ value: '', label: sales ? 'No customer accounts' : 'No supplier accounts' }]}
            value={v.accountId}
            onChange={(e) => set({ accountId: e.currentTarget.value })}
            error={server.customerAccountId ?? server.vendorAccountId}
          />
          {projects ? (
            <NativeSelect
              label="Project"
              required
              data={projects.length ? projects : [{ value: '', label: 'No projects' }]}
              value={v.projectId}
              onChange={(e) => set({ projectId: e.currentTarget.value })}
              error={server.projectId}
            />
          ) : (
            <TextInput label="Project id" required value={v.projectId} onChange={(e) => set({ projectId: e.currentTarget.value })} error={server.projectId} />
          )}
          {sales ? (
            <TextInput
              label="Retention (%)"
              description="0–20, withheld on each invoice"
              inputMode="decimal"
              value={v.retentionPercent}
              onChange={(e) => set({ retentionPercent: e.currentTarget.value })}
              error={server.retentionPercent ?? retentionError}
            />
          ) : (
            <TextInput label="Cost code" description="e.g. CONCRETE" required value={v.costCode} onChange={(e) => set({ costCode: e.currentTarget.value })} error={server.costCode} />
          )}
          <TextInput label="Order date" type="date" required value={v.date} onChange={(e) => set({ date: e.currentTarget.value })} error={server.date} />
        </SimpleGrid>

        <Table.ScrollContainer minWidth={900}>
          <Table aria-label="Order lines" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={150}>SKU (none: a service)</Table.Th>
                <Table.Th miw={220}>Description</Table.Th>
                <Table.Th w={110}>Quantity</Table.Th>
                <Table.Th w={150}>Unit price excl. VAT (R)</Table.Th>
                <Table.Th w={160}>VAT</Table.Th>
                <NumberTh>Value excl. VAT</NumberTh>
                <Table.Th>
                  <span className="mantine-visually-hidden">Remove</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lines.map((line, index) => {
                const n = index + 1;
                const c = checked[index];
                return (
                  <Table.Tr key={index}>
                    <Table.Td>
                      <TextInput aria-label={`Line ${n} SKU`} value={line.sku} onChange={(e) => setLine(index, { sku: e.currentTarget.value })} error={c?.errors.sku ?? lineServerError(index, 'sku')} />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`Line ${n} description`}
                        required
                        value={line.description}
                        onChange={(e) => setLine(index, { description: e.currentTarget.value })}
                        error={lineServerError(index, 'description')}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`Line ${n} quantity`}
                        inputMode="decimal"
                        value={line.quantity}
                        onChange={(e) => setLine(index, { quantity: e.currentTarget.value })}
                        error={c?.errors.quantity ?? lineServerError(index, 'quantity')}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`Line ${n} unit price`}
                        inputMode="decimal"
                        value={line.unitPrice}
                        onChange={(e) => setLine(index, { unitPrice: e.currentTarget.value })}
                        error={c?.errors.unitPrice ?? lineServerError(index, 'unitPrice')}
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
                    <Table.Td ta="right" aria-label={`Line ${n} value`}>
                      {c?.value != null ? <Money cents={c.value} /> : '—'}
                    </Table.Td>
                    <Table.Td>
                      {lines.length > 1 ? (
                        <ActionIcon variant="subtle" color="red" aria-label={`Remove line ${n}`} onClick={() => setLines((old) => old.filter((_, i) => i !== index))}>
                          ×
                        </ActionIcon>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Group justify="space-between">
          <Button variant="light" onClick={() => setLines((old) => [...old, emptyLine()])}>
            Add line
          </Button>
          <Text fw={600} aria-label="Order total excl. VAT">
            Total excl. VAT: <Money cents={total} />
          </Text>
        </Group>
        {general ? (
          <Alert color="red" role="alert" title={sales ? 'The order was not placed' : 'The order was not raised'}>
            {describeError(general, sales ? 'place sales orders' : 'raise purchase orders')}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button type="submit" loading={submitting} disabled={!complete}>
            {sales ? 'Place order' : 'Raise order'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
