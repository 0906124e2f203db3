import { Table } from '@mantine/core';

import { Money, NumberCell } from '@/components/ui/money';

export interface ReportRow {
  code: string;
  name: string;
  amount: string;
}

/** Lines of a statement (code, name, amount) and their total. */
export function ReportTable({ caption, lines, total, totalLabel }: { caption: string; lines: ReportRow[]; total: string; totalLabel: string }) {
  return (
    <Table aria-label={caption} striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={90}>Code</Table.Th>
          <Table.Th>Account</Table.Th>
          <Table.Th ta="right">Amount</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {lines.length === 0 ? (
          <Table.Tr>
            <Table.Td colSpan={3} c="dimmed">
              Nothing posted.
            </Table.Td>
          </Table.Tr>
        ) : (
          lines.map((line) => (
            <Table.Tr key={line.code}>
              <Table.Td>{line.code}</Table.Td>
              <Table.Td>{line.name}</Table.Td>
              <NumberCell>
                <Money amount={line.amount} />
              </NumberCell>
            </Table.Tr>
          ))
        )}
      </Table.Tbody>
      <Table.Tfoot>
        <Table.Tr>
          <Table.Th colSpan={2} scope="row">
            {totalLabel}
          </Table.Th>
          <NumberCell>
            <strong>
              <Money amount={total} />
            </strong>
          </NumberCell>
        </Table.Tr>
      </Table.Tfoot>
    </Table>
  );
}
