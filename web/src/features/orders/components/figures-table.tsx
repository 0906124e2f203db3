import { Table } from '@mantine/core';

import { Money } from '@/components/ui/money';

export interface FigureRow {
  label: string;
  amount?: string | null;
  strong?: boolean;
}

/** A labelled two-column table of money figures (a claim's totals). */
export function FiguresTable({ caption, rows }: { caption: string; rows: FigureRow[] }) {
  return (
    <Table aria-label={caption} w="auto" miw={380} withTableBorder>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.label}>
            <Table.Th fw={row.strong ? 700 : 500}>{row.label}</Table.Th>
            <Table.Td ta="right" fw={row.strong ? 700 : undefined}>
              {row.amount != null ? <Money amount={row.amount} /> : '—'}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
