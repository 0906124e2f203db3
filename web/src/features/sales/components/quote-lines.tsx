// A saved version's lines: what was quoted, the amounts the server worked out, and what
// inventory said about each stocked line when the version was saved.

import { Table } from '@mantine/core';

import { Money, NumberCell, NumberTh } from '@/components/ui/money';
import { humanize } from '@/lib/format';
import { formatDecimal, parseDecimal } from '@/lib/money';

import type { QuoteLineDetail } from '../api/get-quote';
import { StockBadge } from './stock-badge';

const plain = (value: string) => {
  const exact = parseDecimal(value);
  return exact ? formatDecimal(exact) : value;
};

export function QuoteLinesTable({ lines }: { lines: readonly QuoteLineDetail[] }) {
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table aria-label="Quote lines" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>Product</Table.Th>
            <Table.Th>Description</Table.Th>
            <NumberTh>Quantity</NumberTh>
            <NumberTh>Unit price</NumberTh>
            <NumberTh>Discount</NumberTh>
            <NumberTh>Net</NumberTh>
            <Table.Th>VAT treatment</Table.Th>
            <NumberTh>VAT</NumberTh>
            <Table.Th>Stock when saved</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((line, index) => (
            <Table.Tr key={index} aria-label={`Line ${index + 1}`}>
              <Table.Td>{index + 1}</Table.Td>
              <Table.Td>{line.product ?? 'service'}</Table.Td>
              <Table.Td>{line.description}</Table.Td>
              <NumberCell>{plain(line.quantity)}</NumberCell>
              <NumberCell>
                <Money amount={line.unitPrice} />
              </NumberCell>
              <NumberCell>{plain(line.discountPercent)}%</NumberCell>
              <NumberCell>
                <Money amount={line.net} />
              </NumberCell>
              <Table.Td>{humanize(line.vatTreatment)}</Table.Td>
              <NumberCell>
                <Money amount={line.vat} />
              </NumberCell>
              <Table.Td aria-label={`Line ${index + 1} stock`}>
                <StockBadge answer={line.stock} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
