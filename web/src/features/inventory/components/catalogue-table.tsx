// The catalogue as a table: SKU, description, category, the stock unit and the other
// units it comes in, standard cost and sell price (to the places the catalogue keeps),
// VAT treatment, reorder level and quantity, preferred vendor, and whether it is
// discontinued; Revise and Discontinue on each row for those who keep the catalogue.

import { Badge, Button, Group, Stack, Text } from '@mantine/core';

import { DataTable, type Column } from '@/components/ui/data-table';
import { formatRandExact } from '@/lib/format';

import type { ProductRow } from '../api/get-products';
import { CATEGORIES, VAT_TREATMENTS } from './product-form';

export function CatalogueTable({
  rows,
  vendorName,
  onRevise,
  onDiscontinue,
}: {
  rows: readonly ProductRow[];
  vendorName: (id: string) => string;
  /** Absent: the caller may not keep the catalogue, and the rows have no actions. */
  onRevise?: (product: ProductRow) => void;
  onDiscontinue?: (product: ProductRow) => void;
}) {
  const columns: Column<ProductRow>[] = [
    { key: 'sku', header: 'SKU', cell: (p) => <Text fw={600} size="sm">{p.sku}</Text> },
    { key: 'description', header: 'Description', cell: (p) => p.description },
    { key: 'category', header: 'Category', cell: (p) => CATEGORIES.find((c) => c.value === p.category)?.label ?? p.category },
    {
      key: 'unit',
      header: 'Unit',
      cell: (p) => (
        <Stack gap={0}>
          <Text size="sm">{p.unit}</Text>
          {p.conversions.map((c) => (
            <Text key={c.unit} size="xs" c="dimmed">
              1 {c.unit} = {c.factor} {p.unit}
            </Text>
          ))}
        </Stack>
      ),
    },
    { key: 'cost', header: 'Standard cost', numeric: true, cell: (p) => formatRandExact(p.standardCost) },
    { key: 'price', header: 'Sell price', numeric: true, cell: (p) => formatRandExact(p.sellPrice) },
    { key: 'vat', header: 'VAT', cell: (p) => VAT_TREATMENTS.find((v) => v.value === p.vat)?.label ?? p.vat },
    { key: 'reorder-level', header: 'Reorder level', numeric: true, cell: (p) => p.reorderLevel },
    { key: 'reorder-quantity', header: 'Reorder quantity', numeric: true, cell: (p) => p.reorderQuantity },
    { key: 'vendor', header: 'Preferred vendor', cell: (p) => (p.preferredVendorId ? vendorName(p.preferredVendorId) : '—') },
    {
      key: 'status',
      header: 'Status',
      cell: (p) =>
        p.discontinued ? (
          <Badge color="red" variant="light">
            discontinued
          </Badge>
        ) : (
          <Badge color="green" variant="light">
            active
          </Badge>
        ),
    },
  ];
  if (onRevise && onDiscontinue) {
    columns.push({
      key: 'actions',
      header: '',
      cell: (p) =>
        p.discontinued ? null : (
          <Group gap={4} wrap="nowrap">
            <Button size="compact-xs" variant="light" aria-label={`Revise ${p.sku}`} onClick={() => onRevise(p)}>
              Revise
            </Button>
            <Button size="compact-xs" variant="subtle" color="red" aria-label={`Discontinue ${p.sku}`} onClick={() => onDiscontinue(p)}>
              Discontinue
            </Button>
          </Group>
        ),
    });
  }
  return <DataTable label="Products" columns={columns} rows={rows} rowKey={(p) => p.sku} rowLabel={(p) => p.sku} rowColor={(p) => (p.discontinued ? 'gray.1' : undefined)} minWidth={1200} />;
}
