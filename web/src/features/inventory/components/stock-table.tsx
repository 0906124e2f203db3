// Stock levels as a table — one row per product × location; marked "none available" when
// on hand less reserved is nought or below (this position), and "low" when the server says
// a warehouse position is at or below its product's reorder level (the catalogue's rule,
// over the warehouses) — and the value held per location, summed exactly in cents.

import { Badge, Group, Stack, Table, Text } from '@mantine/core';

import { DataTable, type Column } from '@/components/ui/data-table';
import { AppLink } from '@/components/ui/link';
import { Money, NumberCell, NumberTh } from '@/components/ui/money';
import { formatDateTime, formatRandExact } from '@/lib/format';
import { parseDecimal, parseRand } from '@/lib/money';

import type { StockLevelRow } from '../api/get-stock-levels';
import type { Position } from '../api/stock-commands';

/** The stock card of a position (query parameters: a SKU may hold a `/`). */
export const stockCardPath = (p: Position) => `/inventory/stock/card?${new URLSearchParams({ product: p.product, location: p.location }).toString()}`;

/** Whether nothing of the position is available (on hand less reserved is nought or below). */
export function noneAvailable(row: Pick<StockLevelRow, 'available'>): boolean {
  const available = parseDecimal(row.available);
  return available !== null && available.digits <= 0n;
}

export function NoneAvailableBadge() {
  return (
    <Badge color="red" variant="light" style={{ flexShrink: 0 }}>
      none available
    </Badge>
  );
}

/** A warehouse position at or below its product's reorder level (the server's `low`). */
export function LowBadge() {
  return (
    <Badge color="yellow" variant="light" style={{ flexShrink: 0 }}>
      low
    </Badge>
  );
}

/** The marks of a position's available quantity: nothing available, or below its reorder level. */
export function AvailableMarks({ row }: { row: Pick<StockLevelRow, 'available' | 'low'> }) {
  return (
    <>
      {noneAvailable(row) ? <NoneAvailableBadge /> : null}
      {row.low ? <LowBadge /> : null}
    </>
  );
}

const COLUMNS: Column<StockLevelRow>[] = [
  { key: 'location', header: 'Location', cell: (r) => r.location },
  {
    key: 'product',
    header: 'Product',
    cell: (r) => (
      <Stack gap={0}>
        <AppLink to={stockCardPath(r)}>{r.product}</AppLink>
        {r.description ? (
          <Text size="xs" c="dimmed">
            {r.description}
          </Text>
        ) : null}
      </Stack>
    ),
  },
  { key: 'unit', header: 'Unit', cell: (r) => r.unit ?? '' },
  { key: 'onHand', header: 'On hand', numeric: true, cell: (r) => r.onHand },
  { key: 'reserved', header: 'Reserved', numeric: true, cell: (r) => r.reserved },
  {
    key: 'available',
    header: 'Available',
    numeric: true,
    cell: (r) => (
      <Group gap="xs" justify="flex-end" wrap="nowrap">
        <AvailableMarks row={r} />
        {r.available}
      </Group>
    ),
  },
  { key: 'reorderLevel', header: 'Reorder level', numeric: true, cell: (r) => r.reorderLevel ?? '' },
  { key: 'averageCost', header: 'Average unit cost', numeric: true, cell: (r) => formatRandExact(r.averageCost) },
  { key: 'value', header: 'Value', numeric: true, cell: (r) => <Money amount={r.value} /> },
  {
    key: 'updatedAt',
    header: 'Updated',
    cell: (r) => (
      <Text span inherit style={{ whiteSpace: 'nowrap' }}>
        {formatDateTime(r.updatedAt)}
      </Text>
    ),
  },
];

export function StockLevelsTable({ rows }: { rows: readonly StockLevelRow[] }) {
  return (
    <DataTable
      label="Stock levels"
      columns={COLUMNS}
      rows={rows}
      rowKey={(r) => r.id}
      rowLabel={(r) => `${r.product} at ${r.location}`}
      rowColor={(r) => (noneAvailable(r) ? 'red.0' : r.low ? 'yellow.0' : undefined)}
      minWidth={1200}
    />
  );
}

export interface LocationTotal {
  location: string;
  positions: number;
  noneAvailable: number;
  /** Cents. */
  value: bigint;
}

/** The value held per location (in cents, never floating point), in location order. */
export function totalsByLocation(rows: readonly StockLevelRow[]): LocationTotal[] {
  const totals = new Map<string, LocationTotal>();
  for (const row of rows) {
    const total = totals.get(row.location) ?? { location: row.location, positions: 0, noneAvailable: 0, value: 0n };
    total.positions += 1;
    if (noneAvailable(row)) total.noneAvailable += 1;
    total.value += parseRand(row.value) ?? 0n;
    totals.set(row.location, total);
  }
  return [...totals.values()].sort((a, b) => a.location.localeCompare(b.location));
}

export function LocationTotalsTable({ rows }: { rows: readonly StockLevelRow[] }) {
  const totals = totalsByLocation(rows);
  const all = totals.reduce((sum, t) => sum + t.value, 0n);
  return (
    <Table aria-label="Value by location" w="auto" miw={480} striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Location</Table.Th>
          <NumberTh>Products</NumberTh>
          <NumberTh>None available</NumberTh>
          <NumberTh>Value</NumberTh>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {totals.map((t) => (
          <Table.Tr key={t.location} aria-label={t.location}>
            <Table.Td>{t.location}</Table.Td>
            <NumberCell>{t.positions}</NumberCell>
            <NumberCell>{t.noneAvailable}</NumberCell>
            <NumberCell>
              <Money cents={t.value} />
            </NumberCell>
          </Table.Tr>
        ))}
      </Table.Tbody>
      {totals.length > 1 ? (
        <Table.Tfoot>
          <Table.Tr aria-label="All locations">
            <Table.Th scope="row" colSpan={3}>
              All locations
            </Table.Th>
            <NumberCell>
              <strong>
                <Money cents={all} />
              </strong>
            </NumberCell>
          </Table.Tr>
        </Table.Tfoot>
      ) : null}
    </Table>
  );
}
