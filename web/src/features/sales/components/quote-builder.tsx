// The quote builder: a new quote on an opportunity, or the next version of a draft. The
// validity date, the location stocked lines are supplied from, and lines — a catalogue
// product (picked by SKU or description, which fills the description, the sell price and
// the VAT treatment) or a service line described freely — with quantity, unit price,
// discount and VAT. Each line is priced as the server prices it (`quote-pricing.ts`) and
// each product line's stock is checked with inventory while it is edited
// (`stock-line.tsx`). The server's refusals show at the line they name
// ("lines[2]: a discount of 12% is above your limit of 10%"), or above the button.

import { ActionIcon, Alert, Button, Group, NativeSelect, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';

import { Money, NumberTh } from '@/components/ui/money';
import type { QuoteInput } from '@/gql/graphql';
import { describeError, fieldErrors } from '@/lib/errors';
import { addDays, isoDate } from '@/lib/format';
import { formatDecimal, parseDecimal, type VatTreatment } from '@/lib/money';
import { usePermissions } from '@/lib/permissions/authorization';

import { useQuoteProducts, useStockLocations } from '../api/get-catalogue';
import { MAX_LINES, priceQuote, type PricedQuoteLine, type QuoteFormLine } from './quote-pricing';
import { LiveStock } from './stock-line';

export interface QuoteBuilderValues {
  validUntil: string;
  location: string;
  lines: QuoteFormLine[];
}

const TREATMENTS = [
  { value: 'STANDARD', label: 'Standard (15%)' },
  { value: 'ZERO_RATED', label: 'Zero-rated (0%)' },
  { value: 'EXEMPT', label: 'Exempt' },
];

const isTreatment = (value: string): value is VatTreatment => TREATMENTS.some((t) => t.value === value);

export const emptyQuoteLine = (): QuoteFormLine => ({ product: '', description: '', quantity: '1', unitPrice: '', discountPercent: '', vat: 'STANDARD' });

/** A new quote's defaults: valid for 30 days, no location, one empty line. */
export const newQuoteValues = (): QuoteBuilderValues => ({ validUntil: addDays(isoDate(), 30), location: '', lines: [emptyQuoteLine()] });

/** A decimal without trailing zeros, as the server keeps it ("10.000" → "10"). */
const tidy = (text: string) => {
  const exact = parseDecimal(text);
  return exact ? formatDecimal(exact) : text.trim();
};

/** A catalogue price as rand with two decimals where it has no more ("119" → "119.00"). */
export function priceText(sellPrice: string): string {
  const exact = parseDecimal(sellPrice);
  if (!exact) return sellPrice;
  const text = formatDecimal(exact);
  const [whole, fraction = ''] = text.split('.');
  return fraction.length <= 2 ? `${whole}.${fraction.padEnd(2, '0')}` : text;
}

/** The mutation's input from what the form holds (SKUs and the location upper-cased). */
export function quoteInput(values: QuoteBuilderValues): QuoteInput {
  return {
    validUntil: values.validUntil,
    location: values.location.trim() ? values.location.trim().toUpperCase() : null,
    lines: values.lines.map((l) => ({
      product: l.product.trim() ? l.product.trim().toUpperCase() : null,
      description: l.description.trim(),
      quantity: tidy(l.quantity),
      unitPrice: l.unitPrice.trim(),
      discountPercent: l.discountPercent.trim() ? tidy(l.discountPercent) : null,
      vat: l.vat,
    })),
  };
}

/** The server names a quote's lines from one: `lines[2]` is the second line. */
const lineKey = (index: number, field?: string) => `lines[${index + 1}]${field ? `.${field}` : ''}`;

interface KeyedLine extends QuoteFormLine {
  key: number;
}

/** Row keys, so a removed line takes its inputs (and its stock check) with it. */
let nextKey = 0;
const keyed = (line: QuoteFormLine): KeyedLine => ({ ...line, key: nextKey++ });

export function QuoteBuilder({
  title,
  initial,
  submitLabel,
  onSubmit,
  onCancel,
  submitting = false,
  error,
}: {
  title: string;
  initial: QuoteBuilderValues;
  submitLabel: string;
  onSubmit: (input: QuoteInput) => void;
  onCancel?: () => void;
  submitting?: boolean;
  error?: unknown;
}) {
  const { can } = usePermissions();
  const catalogue = can('inventory.catalogue.read');
  const products = useQuoteProducts(catalogue);
  const locations = useStockLocations(catalogue);
  const [validUntil, setValidUntil] = useState(initial.validUntil);
  const [location, setLocation] = useState(initial.location);
  const [lines, setLines] = useState<KeyedLine[]>(() => initial.lines.map(keyed));
  const [changed, setChanged] = useState(false);
  const touch = () => setChanged(true);
  const setLine = (index: number, patch: Partial<QuoteFormLine>) => {
    setLines((old) => old.map((l, i) => (i === index ? { ...l, ...patch } : l)));
    touch();
  };

  const priced = priceQuote(lines);
  const today = isoDate();
  const dateError = !validUntil ? undefined : validUntil < today ? 'The validity date may not be in the past' : undefined;
  const complete = priced.complete && Boolean(validUntil) && !dateError;

  const server = changed ? {} : fieldErrors(error);
  const shown = (field: string) => /^lines\[\d+\]/.test(field) || field === 'validUntil' || field === 'location';
  const general = error && !changed && !Object.keys(server).some(shown) ? error : null;

  const catalogueItems = (products.data?.products ?? []).map((p) => ({ value: p.sku, label: `${p.sku} — ${p.description}` }));
  const productData = (sku: string) =>
    sku && !catalogueItems.some((item) => item.value === sku) ? [{ value: sku, label: sku }, ...catalogueItems] : catalogueItems;
  const pick = (index: number, sku: string | null) => {
    const product = products.data?.products.find((p) => p.sku === sku);
    if (!sku || !product) return setLine(index, { product: sku ?? '' });
    setLine(index, {
      product: product.sku,
      description: product.description,
      unitPrice: priceText(product.sellPrice),
      vat: isTreatment(product.vat) ? product.vat : 'STANDARD',
    });
  };

  const open = (locations.data?.stockLocations ?? []).filter((l) => !l.closed || l.code === location);
  const locationData = [
    { value: '', label: 'None (stock not checked)' },
    ...(location && !open.some((l) => l.code === location) ? [{ value: location, label: location }] : []),
    ...open.map((l) => ({ value: l.code, label: `${l.code} — ${l.name}` })),
  ];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!complete) return;
    setChanged(false);
    onSubmit(quoteInput({ validUntil, location, lines }));
  };

  return (
    <form onSubmit={submit} aria-label={title} noValidate>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label="Valid until"
            type="date"
            required
            min={today}
            value={validUntil}
            onChange={(e) => {
              setValidUntil(e.currentTarget.value);
              touch();
            }}
            error={dateError ?? server.validUntil}
          />
          {catalogue ? (
            <NativeSelect
              label="Supply location"
              description="Stocked lines are checked with inventory there"
              data={locationData}
              value={location}
              onChange={(e) => {
                setLocation(e.currentTarget.value);
                touch();
              }}
              error={server.location ?? (locations.error ? describeError(locations.error, 'read the stock locations') : undefined)}
            />
          ) : (
            <TextInput
              label="Supply location"
              description="A warehouse or site store code, e.g. WH-JHB (optional)"
              value={location}
              onChange={(e) => {
                setLocation(e.currentTarget.value);
                touch();
              }}
              error={server.location}
            />
          )}
        </SimpleGrid>
        {products.error ? (
          <Alert color="yellow" title="The catalogue could not be read">
            {describeError(products.error, 'read the product catalogue')} Type the SKU instead, or quote service lines.
          </Alert>
        ) : null}

        <Table.ScrollContainer minWidth={1480}>
          <Table aria-label="Quote lines" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={240}>Product (none: a service)</Table.Th>
                <Table.Th miw={200}>Description</Table.Th>
                <Table.Th w={100}>Quantity</Table.Th>
                <Table.Th w={130}>Unit price excl. VAT (R)</Table.Th>
                <Table.Th w={90}>Discount (%)</Table.Th>
                <Table.Th w={150}>VAT</Table.Th>
                <Table.Th w={170}>Stock</Table.Th>
                <NumberTh>Net</NumberTh>
                <NumberTh>VAT</NumberTh>
                <Table.Th>
                  <span className="mantine-visually-hidden">Remove</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lines.map((line, index) => {
                const n = index + 1;
                const p = priced.lines[index] as PricedQuoteLine;
                const refusal = server[lineKey(index)];
                return [
                  <Table.Tr key={line.key}>
                    <Table.Td>
                      {catalogue && !products.error ? (
                        <Select
                          aria-label={`Line ${n} product`}
                          miw={240}
                          placeholder="Service line"
                          searchable
                          clearable
                          nothingFoundMessage={products.isPending ? 'Loading the catalogue…' : 'No product matches'}
                          data={productData(line.product)}
                          value={line.product || null}
                          onChange={(sku) => pick(index, sku)}
                          error={server[lineKey(index, 'product')]}
                          comboboxProps={{ width: 380, position: 'bottom-start' }}
                        />
                      ) : (
                        <TextInput
                          aria-label={`Line ${n} product`}
                          placeholder="SKU (none: a service)"
                          value={line.product}
                          onChange={(e) => setLine(index, { product: e.currentTarget.value })}
                          error={server[lineKey(index, 'product')]}
                        />
                      )}
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`Line ${n} description`}
                        miw={200}
                        required
                        value={line.description}
                        onChange={(e) => setLine(index, { description: e.currentTarget.value })}
                        error={server[lineKey(index, 'description')]}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`Line ${n} quantity`}
                        miw={100}
                        inputMode="decimal"
                        value={line.quantity}
                        onChange={(e) => setLine(index, { quantity: e.currentTarget.value })}
                        error={p.errors.quantity}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`Line ${n} unit price`}
                        miw={110}
                        inputMode="decimal"
                        value={line.unitPrice}
                        onChange={(e) => setLine(index, { unitPrice: e.currentTarget.value })}
                        error={p.errors.unitPrice}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`Line ${n} discount`}
                        miw={70}
                        inputMode="decimal"
                        placeholder="0"
                        value={line.discountPercent}
                        onChange={(e) => setLine(index, { discountPercent: e.currentTarget.value })}
                        error={p.errors.discountPercent}
                      />
                    </Table.Td>
                    <Table.Td>
                      <NativeSelect
                        aria-label={`Line ${n} VAT treatment`}
                        miw={150}
                        data={TREATMENTS}
                        value={line.vat}
                        onChange={(e) => setLine(index, { vat: e.currentTarget.value as VatTreatment })}
                      />
                    </Table.Td>
                    <Table.Td aria-label={`Line ${n} stock`} miw={180}>
                      <LiveStock
                        product={line.product.trim().toUpperCase()}
                        location={location.trim().toUpperCase()}
                        quantity={p.errors.quantity ? '' : tidy(line.quantity)}
                        by={dateError ? '' : validUntil}
                      />
                    </Table.Td>
                    <Table.Td ta="right" aria-label={`Line ${n} net`}>
                      {p.net !== null ? <Money cents={p.net} /> : '—'}
                    </Table.Td>
                    <Table.Td ta="right" aria-label={`Line ${n} VAT`}>
                      {p.vat !== null ? <Money cents={p.vat} /> : '—'}
                    </Table.Td>
                    <Table.Td>
                      {lines.length > 1 ? (
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={`Remove line ${n}`}
                          onClick={() => {
                            setLines((old) => old.filter((_, i) => i !== index));
                            touch();
                          }}
                        >
                          ×
                        </ActionIcon>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>,
                  refusal ? (
                    <Table.Tr key={`${line.key}-refusal`}>
                      <Table.Td colSpan={10}>
                        <Text c="red" size="sm" role="alert">
                          Line {n}: {refusal}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ) : null,
                ];
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Group justify="space-between" align="flex-start">
          <Button variant="light" disabled={lines.length >= MAX_LINES} onClick={() => {
            setLines((old) => [...old, keyed(emptyQuoteLine())]);
            touch();
          }}>
            Add line
          </Button>
          <Table aria-label="Quote totals" w="auto" withRowBorders={false}>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th>Net excl. VAT</Table.Th>
                <Table.Td ta="right">
                  <Money cents={priced.net} />
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>VAT</Table.Th>
                <Table.Td ta="right">
                  <Money cents={priced.vat} />
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Total incl. VAT</Table.Th>
                <Table.Td ta="right" fw={700}>
                  <Money cents={priced.total} />
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Group>
        <Text size="sm" c="dimmed">
          Discounts are limited by role: a sales rep up to 10% a line, a sales manager up to 25%. Stock is checked again when the quote is saved; a line inventory
          cannot confirm is saved as unconfirmed.
        </Text>
        {general ? (
          <Alert color="red" role="alert" title="The quote was not saved">
            {describeError(general, 'quote on this opportunity')}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          ) : null}
          <Button type="submit" loading={submitting} disabled={!complete}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
