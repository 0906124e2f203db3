// The stock card of a product at a location (`?product=…&location=…`): the position's
// figures, then its movements oldest first (the latest 500), and
// the stock commands on this position for those who may move stock. Reservations are
// not movements, so they show only in the reserved figure. (Transfers between locations
// show as TRANSFER_OUT / TRANSFER_IN movements; they are sent and received on /inventory/transfers.)

import { Badge, Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';

import { DataTable, type Column } from '@/components/ui/data-table';
import { AppLink } from '@/components/ui/link';
import { Money } from '@/components/ui/money';
import { Page, Section } from '@/components/ui/page';
import { Empty, QueryState } from '@/components/ui/query-state';
import { formatDateTime, formatRandExact, humanize } from '@/lib/format';

import { useProjectName } from '../api/get-project-names';
import { useStockLevels, type StockLevelRow } from '../api/get-stock-levels';
import { useStockMovements, type StockMovementRow } from '../api/get-stock-movements';
import { StockActions } from '../components/stock-actions';
import { AvailableMarks } from '../components/stock-table';

const KIND_COLOURS: Record<string, string> = { RECEIPT: 'green', ISSUE: 'blue', ADJUSTMENT: 'orange', TRANSFER_OUT: 'grape', TRANSFER_IN: 'teal' };

const columns = (projectName: (id: string) => string): Column<StockMovementRow>[] => [
  { key: 'sequence', header: '#', numeric: true, cell: (m) => m.sequence },
  { key: 'when', header: 'When', cell: (m) => formatDateTime(m.occurredAt) },
  {
    key: 'kind',
    header: 'Kind',
    cell: (m) => (
      <Badge color={KIND_COLOURS[m.kind] ?? 'gray'} variant="light">
        {humanize(m.kind)}
      </Badge>
    ),
  },
  { key: 'quantity', header: 'Quantity', numeric: true, cell: (m) => m.quantity },
  { key: 'value', header: 'Value', numeric: true, cell: (m) => <Money amount={m.value} /> },
  { key: 'reference', header: 'Reference or note', cell: (m) => m.reference ?? '' },
  { key: 'project', header: 'Project', cell: (m) => (m.projectId ? projectName(m.projectId) : '') },
  { key: 'costCode', header: 'Cost code', cell: (m) => m.costCode ?? '' },
];

function PositionFigures({ level }: { level: StockLevelRow }) {
  const row = (label: string, value: ReactNode) => (
    <Table.Tr>
      <Table.Th>{label}</Table.Th>
      <Table.Td ta="right">{value}</Table.Td>
    </Table.Tr>
  );
  return (
    <Table aria-label="Position" w="auto" withRowBorders={false}>
      <Table.Tbody>
        {level.description ? row('Product', level.description) : null}
        {row('On hand', `${level.onHand}${level.unit ? ` ${level.unit}` : ''}`)}
        {row('Reserved', level.reserved)}
        {row(
          'Available',
          <>
            <AvailableMarks row={level} /> {level.available}
          </>,
        )}
        {level.reorderLevel ? row('Reorder level', level.reorderLevel) : null}
        {row('Average unit cost', formatRandExact(level.averageCost) || '—')}
        {row('Value', <Money amount={level.value} />)}
        {row('Updated', formatDateTime(level.updatedAt))}
      </Table.Tbody>
    </Table>
  );
}

function StockCard({ product, location }: { product: string; location: string }) {
  const level = useStockLevels({ product, location });
  const movements = useStockMovements(product, location);
  const projectName = useProjectName();
  return (
    <Stack gap="lg">
      <QueryState query={level} action="read stock levels" isEmpty={(d) => d.stockLevels.length === 0} empty="Nothing of this product has moved at this location yet.">
        {(d) => (d.stockLevels[0] ? <PositionFigures level={d.stockLevels[0]} /> : null)}
      </QueryState>
      <Section title="Movements">
        <QueryState query={movements} action="read the stock card" isEmpty={(d) => d.stockMovements.length === 0} empty="No receipts, issues or adjustments yet.">
          {(d) => <DataTable label="Stock movements" columns={columns(projectName)} rows={d.stockMovements} rowKey={(m) => String(m.sequence)} rowLabel={(m) => `Movement ${m.sequence}`} minWidth={900} />}
        </QueryState>
        <Text size="xs" c="dimmed">
          Oldest first; the latest 500. Quantities and values are signed: in is positive, out negative.
        </Text>
      </Section>
    </Stack>
  );
}

export function StockCardRoute() {
  const [params] = useSearchParams();
  const product = params.get('product')?.trim() ?? '';
  const location = params.get('location')?.trim() ?? '';
  const known = Boolean(product && location);
  return (
    <Page
      title={known ? `Stock card: ${product} at ${location}` : 'Stock card'}
      actions={
        <>
          <AppLink to="/inventory/stock">All stock</AppLink>
          {known ? <StockActions position={{ product, location }} suggestions={{ products: [product], locations: [location] }} /> : null}
        </>
      }
    >
      {known ? <StockCard product={product} location={location} /> : <Empty>Choose a product at a location from the stock levels.</Empty>}
    </Page>
  );
}
