// What sales and purchase orders show alike: their status, their lines with ordered,
// delivered (shipped or received) and open quantities, and their deliveries.

import { Badge, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';

import { DataTable, type Column } from '@/components/ui/data-table';
import { Money } from '@/components/ui/money';
import { humanize } from '@/lib/format';

const COLOURS: Record<string, string> = {
  PLACED: 'blue',
  RAISED: 'blue',
  CONFIRMED: 'cyan',
  APPROVED: 'green',
  PART_SHIPPED: 'yellow',
  PART_RECEIVED: 'yellow',
  SHIPPED: 'teal',
  RECEIVED: 'teal',
  REJECTED: 'red',
  CANCELLED: 'red',
  CLOSED: 'dark',
};

/** An order's status as a coloured badge. */
export function OrderStatusBadge({ status }: { status: string }) {
  return (
    <Badge variant="light" color={COLOURS[status] ?? 'gray'}>
      {humanize(status)}
    </Badge>
  );
}

export interface OrderLineRow {
  lineNo: number;
  sku?: string | null;
  description: string;
  quantity: string;
  unitPrice: string;
  vatTreatment: string;
  delivered: string;
  open: string;
}

/** An order's lines: ordered, shipped or received to date, open, price. */
export function OrderLinesTable({ lines, delivered, label }: { lines: readonly OrderLineRow[]; delivered: 'Shipped' | 'Received'; label: string }) {
  const columns: Column<OrderLineRow>[] = [
    { key: 'line', header: 'Line', cell: (l) => l.lineNo, width: 60 },
    { key: 'sku', header: 'SKU', cell: (l) => l.sku ?? <Text span c="dimmed" size="sm">service</Text> },
    { key: 'description', header: 'Description', cell: (l) => l.description },
    { key: 'ordered', header: 'Ordered', numeric: true, cell: (l) => l.quantity },
    { key: 'delivered', header: delivered, numeric: true, cell: (l) => l.delivered },
    { key: 'open', header: 'Open', numeric: true, cell: (l) => l.open },
    { key: 'price', header: 'Unit price excl. VAT', numeric: true, cell: (l) => <Money amount={l.unitPrice} /> },
    { key: 'vat', header: 'VAT', cell: (l) => humanize(l.vatTreatment) },
  ];
  return <DataTable label={label} columns={columns} rows={lines} rowKey={(l) => String(l.lineNo)} rowLabel={(l) => `Line ${l.lineNo}`} minWidth={900} />;
}

export interface DeliveryRow {
  id: string;
  number: string;
  date: string;
  lines: readonly { lineNo: number; quantity: string }[];
}

/** Shipments or goods received notes: number, date, quantity per line, and an extra cell. */
export function DeliveriesTable<T extends DeliveryRow>({
  deliveries,
  label,
  numberHeader,
  extra,
}: {
  deliveries: readonly T[];
  label: string;
  numberHeader: string;
  extra?: { header: string; cell: (d: T) => ReactNode };
}) {
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table striped aria-label={label} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{numberHeader}</Table.Th>
            <Table.Th>Date</Table.Th>
            <Table.Th>Quantities</Table.Th>
            {extra ? <Table.Th>{extra.header}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {deliveries.map((d) => (
            <Table.Tr key={d.id} aria-label={d.number}>
              <Table.Td>{d.number}</Table.Td>
              <Table.Td>{d.date}</Table.Td>
              <Table.Td>{d.lines.map((l) => `line ${l.lineNo}: ${l.quantity}`).join(' · ')}</Table.Td>
              {extra ? <Table.Td>{extra.cell(d)}</Table.Td> : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
