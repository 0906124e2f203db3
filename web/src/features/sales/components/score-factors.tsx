// A lead's score explained: one row per factor — what it is, the fact it was scored on
// ("not known" when there is none), its points and the server's sentence saying why —
// and the total, the lead's score. Points are shown signed when below nought (rules may
// take points off).

import { Table, Text } from '@mantine/core';

import { NumberCell, NumberTh } from '@/components/ui/money';
import { formatRand, humanize } from '@/lib/format';

import type { ScoreFactorRow } from '../api/get-lead-scores';
import { provinceLabel, sectorLabel } from './marketing-rules';

const FACTORS: Record<string, string> = {
  SECTOR: 'Sector',
  PROVINCE: 'Province',
  CIDB_GRADE: 'CIDB grade',
  PROJECT_SIZE: 'Project size',
  CAMPAIGN_RESPONSES: 'Campaign responses',
  SITE_VISIT: 'Site visit',
};

export const factorLabel = (factor: string) => FACTORS[factor] ?? humanize(factor);

/** The fact a factor was scored on, in words. */
export function factValue(factor: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return 'not known';
  switch (factor) {
    case 'SECTOR':
      return sectorLabel(value);
    case 'PROVINCE':
      return provinceLabel(value);
    case 'CIDB_GRADE':
      return `Grade ${value}`;
    case 'PROJECT_SIZE':
      return formatRand(value);
    case 'SITE_VISIT':
      return value === 'BOOKED' ? 'Booked' : humanize(value);
    default:
      return value;
  }
}

export function ScoreFactorsTable({ factors, total }: { factors: readonly ScoreFactorRow[]; total: number }) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table aria-label="Score factors" striped verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Factor</Table.Th>
            <Table.Th>Value</Table.Th>
            <NumberTh>Points</NumberTh>
            <Table.Th>Why</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {factors.map((f) => (
            <Table.Tr key={f.factor} aria-label={factorLabel(f.factor)}>
              <Table.Td>{factorLabel(f.factor)}</Table.Td>
              <Table.Td>
                <Text span inherit c={f.value ? undefined : 'dimmed'}>
                  {factValue(f.factor, f.value)}
                </Text>
              </Table.Td>
              <NumberCell>{f.points}</NumberCell>
              <Table.Td>{f.explanation}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr aria-label="Total">
            <Table.Th colSpan={2}>Total</Table.Th>
            <NumberCell>
              <Text span inherit fw={700}>
                {total}
              </Text>
            </NumberCell>
            <Table.Td />
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}
