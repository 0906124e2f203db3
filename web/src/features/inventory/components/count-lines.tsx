// The lines of a count sheet: per product what was counted, the book quantity (on hand
// now while open, as it stood when posted once posted) and the variance, counted less
// book — red when short, green when more was found, plain when none.

import { Text } from '@mantine/core';

import { DataTable, type Column } from '@/components/ui/data-table';
import { parseDecimal } from '@/lib/money';

import type { StockCountLine } from '../api/get-stock-counts';

/** -1 short, 0 none, 1 found (0 for anything unreadable). */
export function varianceSign(variance: string): -1 | 0 | 1 {
  const v = parseDecimal(variance);
  if (!v || v.digits === 0n) return 0;
  return v.digits < 0n ? -1 : 1;
}

const COLOURS = { '-1': 'red', '0': undefined, '1': 'green' } as const;
const WORDS = { '-1': 'short', '0': 'no variance', '1': 'found' } as const;

export function Variance({ variance }: { variance: string }) {
  const sign = varianceSign(variance);
  const shown = sign === 1 && !variance.startsWith('+') ? `+${variance}` : variance;
  return (
    <Text span inherit c={COLOURS[sign]} fw={sign === 0 ? undefined : 600} aria-label={`${shown} (${WORDS[sign]})`}>
      {shown}
    </Text>
  );
}

const COLUMNS: Column<StockCountLine>[] = [
  { key: 'product', header: 'Product', cell: (l) => l.product },
  { key: 'counted', header: 'Counted', numeric: true, cell: (l) => l.counted },
  { key: 'book', header: 'Book', numeric: true, cell: (l) => l.book },
  { key: 'variance', header: 'Variance', numeric: true, cell: (l) => <Variance variance={l.variance} /> },
];

export function CountLinesTable({ lines }: { lines: readonly StockCountLine[] }) {
  return <DataTable label="Count lines" columns={COLUMNS} rows={lines} rowKey={(l) => l.product} rowLabel={(l) => l.product} minWidth={520} />;
}
