// A product's catalogue entry, to define (a new SKU) or revise (the SKU stays): what it
// is, its stock unit and the other units it comes in (one pallet is 40 bags), its
// standard cost and sell price per stock unit (rand excl. VAT), VAT treatment, reorder
// level and quantity, and the vendor it is usually bought from. Checked as the catalogue
// checks it before anything is sent (`stock-rules.ts`); the server's refusal next to the
// field it names, or above the button.

import { ActionIcon, Button, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';

import type { ProductCategory, VatTreatment } from '@/gql/graphql';

import type { ProductRow } from '../api/get-products';
import type { ProductValues } from '../api/catalogue-commands';
import { asCode, FormFooter, useStockForm } from './stock-form';
import { code, factor, level, name, unitCost, type Rule } from './stock-rules';

export const CATEGORIES: readonly { value: ProductCategory; label: string }[] = [
  { value: 'MATERIALS', label: 'Materials' },
  { value: 'CONSUMABLES', label: 'Consumables' },
  { value: 'PPE', label: 'PPE' },
  { value: 'TOOLS', label: 'Tools' },
];

export const VAT_TREATMENTS: readonly { value: VatTreatment; label: string }[] = [
  { value: 'STANDARD', label: 'Standard (15%)' },
  { value: 'ZERO_RATED', label: 'Zero rated' },
  { value: 'EXEMPT', label: 'Exempt' },
];

const vendorId: Rule = (value) => (/^[A-Za-z0-9._:/-]{1,100}$/.test(value.trim()) ? null : 'An account id: letters, digits and . _ : / - only');

const SPECS = {
  sku: { rule: code, required: true },
  description: { rule: name, required: true },
  category: { required: true },
  unit: { rule: code, required: true },
  standardCost: { rule: unitCost, required: true },
  sellPrice: { rule: unitCost, required: true },
  vat: { required: true },
  reorderLevel: { rule: level },
  reorderQuantity: { rule: level },
  preferredVendorId: { rule: vendorId },
};

interface ConversionRow {
  key: number;
  unit: string;
  factor: string;
}

/** What is wrong with each conversion: a unit named (once, not the stock unit), a factor above nought. */
export function conversionProblems(stockUnit: string, rows: readonly { unit: string; factor: string }[]): { unit?: string; factor?: string }[] {
  const seen = [stockUnit.trim().toLowerCase()];
  return rows.map((row) => {
    const problems: { unit?: string; factor?: string } = {};
    const unit = row.unit.trim().toLowerCase();
    if (!unit) problems.unit = 'Required';
    else if (seen.includes(unit)) problems.unit = 'Already named: the stock unit or another conversion';
    else problems.unit = code(row.unit) ?? undefined;
    seen.push(unit);
    problems.factor = row.factor.trim() ? (factor(row.factor) ?? undefined) : 'Required';
    return problems;
  });
}

const initialValues = (product: ProductRow | undefined) => ({
  sku: product?.sku ?? '',
  description: product?.description ?? '',
  category: product?.category ?? 'MATERIALS',
  unit: product?.unit ?? '',
  standardCost: product?.standardCost ?? '',
  sellPrice: product?.sellPrice ?? '',
  vat: product?.vat ?? 'STANDARD',
  reorderLevel: product?.reorderLevel ?? '',
  reorderQuantity: product?.reorderQuantity ?? '',
  preferredVendorId: product?.preferredVendorId ?? '',
});

export function ProductForm({
  product,
  vendors,
  onSubmit,
  onCancel,
  submitting = false,
  error,
}: {
  /** The entry to revise; none: a new product. */
  product?: ProductRow;
  /** Vendor accounts to choose from; none: the vendor's id is typed. */
  vendors: readonly { id: string; name: string }[];
  onSubmit: (values: ProductValues) => void;
  onCancel: () => void;
  submitting?: boolean;
  error?: unknown;
}) {
  const form = useStockForm(SPECS, initialValues(product), error);
  const [conversions, setConversions] = useState<ConversionRow[]>(() => (product?.conversions ?? []).map((c, key) => ({ key, unit: c.unit, factor: c.factor })));
  const [nextKey, setNextKey] = useState(conversions.length);
  const [tried, setTried] = useState(false);
  const problems = conversionProblems(form.values.unit, conversions);
  const conversionsValid = problems.every((p) => !p.unit && !p.factor);
  const shown = (problem: string | undefined) => (problem && (tried || problem !== 'Required') ? problem : undefined);
  const change = (key: number, field: 'unit' | 'factor', value: string) => setConversions((rows) => rows.map((r) => (r.key === key ? { ...r, [field]: value } : r)));
  const title = product ? `Revise ${product.sku}` : 'Define product';
  const vendorKnown = vendors.some((v) => v.id === form.values.preferredVendorId);
  const blank = (value: string) => (value.trim() ? value.trim() : null);

  return (
    <form
      aria-label={title}
      noValidate
      onSubmit={(event) => {
        setTried(true);
        if (!conversionsValid) {
          form.submit(() => undefined)(event);
          return;
        }
        form.submit((v) =>
          onSubmit({
            sku: product ? product.sku : asCode(v.sku),
            description: v.description.trim(),
            category: v.category as ProductCategory,
            unit: v.unit.trim(),
            conversions: conversions.map((c) => ({ unit: c.unit.trim(), factor: c.factor.trim() })),
            standardCost: v.standardCost.trim(),
            sellPrice: v.sellPrice.trim(),
            vat: v.vat as VatTreatment,
            reorderLevel: blank(v.reorderLevel),
            reorderQuantity: blank(v.reorderQuantity),
            preferredVendorId: blank(v.preferredVendorId),
          }),
        )(event);
      }}
    >
      <Stack gap="sm">
        <SimpleGrid cols={2}>
          {product ? (
            <TextInput label="SKU" value={product.sku} readOnly description="A product keeps its SKU" />
          ) : (
            <TextInput label="SKU" description="e.g. CEM-425-50KG (upper-cased)" {...form.input('sku')} data-autofocus />
          )}
          <NativeSelect label="Category" data={[...CATEGORIES]} {...form.input('category')} />
        </SimpleGrid>
        <TextInput label="Description" {...form.input('description')} />
        <SimpleGrid cols={2}>
          <TextInput label="Stock unit" description="The unit stock is kept in, e.g. bag, m3" {...form.input('unit')} />
          <NativeSelect label="VAT treatment" data={[...VAT_TREATMENTS]} {...form.input('vat')} />
        </SimpleGrid>
        <Stack gap={4} role="group" aria-label="Other units">
          <Text size="sm" fw={500}>
            Other units
          </Text>
          <Text size="xs" c="dimmed">
            One of each is so many stock units, e.g. a pallet of 40 bags.
          </Text>
          {conversions.map((c, i) => (
            <Group key={c.key} align="flex-start" gap="xs" wrap="nowrap">
              <TextInput
                label={`Unit ${i + 1}`}
                value={c.unit}
                onChange={(e) => change(c.key, 'unit', e.currentTarget.value)}
                error={shown(problems[i]?.unit)}
                required
              />
              <TextInput
                label={`Unit ${i + 1} factor`}
                description={`Stock units in one ${c.unit.trim() || 'unit'}`}
                inputMode="decimal"
                value={c.factor}
                onChange={(e) => change(c.key, 'factor', e.currentTarget.value)}
                error={shown(problems[i]?.factor)}
                required
              />
              <ActionIcon
                mt={24}
                variant="subtle"
                color="red"
                aria-label={`Remove unit ${i + 1}`}
                onClick={() => setConversions((rows) => rows.filter((r) => r.key !== c.key))}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button
              size="xs"
              variant="light"
              onClick={() => {
                setConversions((rows) => [...rows, { key: nextKey, unit: '', factor: '' }]);
                setNextKey((k) => k + 1);
              }}
            >
              Add unit
            </Button>
          </Group>
        </Stack>
        <SimpleGrid cols={2}>
          <TextInput label="Standard cost (R)" description="Per stock unit, excl. VAT; up to 4 decimal places" inputMode="decimal" {...form.input('standardCost')} />
          <TextInput label="Sell price (R)" description="List price per stock unit, excl. VAT" inputMode="decimal" {...form.input('sellPrice')} />
        </SimpleGrid>
        <SimpleGrid cols={2}>
          <TextInput label="Reorder level" description="Low at or below this (optional)" inputMode="decimal" {...form.input('reorderLevel')} />
          <TextInput label="Reorder quantity" description="How much to order then (optional)" inputMode="decimal" {...form.input('reorderQuantity')} />
        </SimpleGrid>
        {vendors.length > 0 && (vendorKnown || !form.values.preferredVendorId) ? (
          <NativeSelect
            label="Preferred vendor"
            data={[{ value: '', label: 'None' }, ...vendors.map((v) => ({ value: v.id, label: v.name }))]}
            {...form.input('preferredVendorId')}
          />
        ) : (
          <TextInput label="Preferred vendor (account id, optional)" {...form.input('preferredVendorId')} />
        )}
        <FormFooter general={form.general} action={product ? 'revise products' : 'define products'} submitLabel={product ? 'Save changes' : 'Define product'} submitting={submitting} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
