import { Table } from '@mantine/core';

import { Money } from '@/components/ui/money';

export interface TotalsRow {
  label: string;
  cents?: bigint | null;
  amount?: string | null;
  strong?: boolean;
}

/** A two-column table of totals, each row headed by its label (read out with its value). */
export function TotalsTable({ caption, rows }: { caption: string; rows: TotalsRow[] }) {
  return (
    <Table aria-label={caption} w="auto" miw={320} withRowBorders={false} ml="auto">
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.label}>
            <Table.Th scope="row" fw={row.strong ? 700 : 500}>
              {row.label}
            </Table.Th>
            <Table.Td ta="right" fw={row.strong ? 700 : undefined}>
              <Money cents={row.cents} amount={row.amount} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
