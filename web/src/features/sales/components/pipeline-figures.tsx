// The pipeline's figures beside the board, as the server's pipeline read model has them:
// the weighted forecast by month of expected close (bars, over a table of the same
// figures for screen readers and anyone who wants the numbers) and the totals by stage.
// Sums are in cents (`BigInt`), never floating point; only the bars' heights are numbers.

import '@mantine/charts/styles.css';

import { BarChart } from '@mantine/charts';
import { Box, Stack, Table, Text } from '@mantine/core';

import { DataTable, type Column } from '@/components/ui/data-table';
import { Money, NumberCell, NumberTh } from '@/components/ui/money';
import { formatCents } from '@/lib/format';
import { parseRand } from '@/lib/money';

import type { PipelineSliceRow } from '../api/get-pipeline';
import type { StageInfo } from './pipeline-stages';

const cents = (amount: string) => parseRand(amount) ?? 0n;
const sum = (rows: readonly PipelineSliceRow[], pick: (r: PipelineSliceRow) => string) => rows.reduce((total, r) => total + cents(pick(r)), 0n);
const rand = (value: number) => formatCents(BigInt(Math.round(value * 100)));

/** The weighted forecast by month (`2027-03`), earliest first: bars, then the table. */
export function WeightedForecast({ months }: { months: readonly PipelineSliceRow[] }) {
  const rows = [...months].sort((a, b) => a.key.localeCompare(b.key));
  if (rows.length === 0) {
    return (
      <Text c="dimmed" size="sm" role="status">
        No open opportunity has an expected close date yet.
      </Text>
    );
  }
  const data = rows.map((m) => ({ month: m.key, Weighted: Number(cents(m.weighted)) / 100 }));
  return (
    <Stack gap="xs">
      <Box role="figure" aria-label="Weighted forecast by month">
        <BarChart h={220} data={data} dataKey="month" yAxisProps={{ width: 120 }} valueFormatter={rand} series={[{ name: 'Weighted', color: 'teal.6' }]} />
      </Box>
      <Table.ScrollContainer minWidth={420}>
        <Table striped aria-label="Weighted forecast by month, figures" verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Month</Table.Th>
              <NumberTh>Opportunities</NumberTh>
              <NumberTh>Value</NumberTh>
              <NumberTh>Weighted</NumberTh>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((m) => (
              <Table.Tr key={m.key} aria-label={m.key}>
                <Table.Td>{m.key}</Table.Td>
                <NumberCell>{m.opportunities}</NumberCell>
                <NumberCell>
                  <Money amount={m.value} />
                </NumberCell>
                <NumberCell>
                  <Money amount={m.weighted} />
                </NumberCell>
              </Table.Tr>
            ))}
            <Table.Tr aria-label="Total" fw={600}>
              <Table.Td>Total</Table.Td>
              <NumberCell>{rows.reduce((n, m) => n + m.opportunities, 0)}</NumberCell>
              <NumberCell>
                <Money cents={sum(rows, (m) => m.value)} />
              </NumberCell>
              <NumberCell>
                <Money cents={sum(rows, (m) => m.weighted)} />
              </NumberCell>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

interface StageTotal {
  stage: StageInfo;
  slice: PipelineSliceRow | undefined;
}

const COLUMNS: Column<StageTotal>[] = [
  { key: 'stage', header: 'Stage', cell: (r) => r.stage.label },
  { key: 'probability', header: 'Probability', numeric: true, cell: (r) => `${r.stage.probability}%` },
  { key: 'count', header: 'Opportunities', numeric: true, cell: (r) => r.slice?.opportunities ?? 0 },
  { key: 'value', header: 'Value', numeric: true, cell: (r) => <Money amount={r.slice?.value ?? '0.00'} /> },
  { key: 'weighted', header: 'Weighted', numeric: true, cell: (r) => <Money amount={r.slice?.weighted ?? '0.00'} /> },
];

/** Every stage's count, value and weighted value; the open pipeline summed below. */
export function StageTotals({ stages, byStage }: { stages: readonly StageInfo[]; byStage: readonly PipelineSliceRow[] }) {
  const rows = stages.map((stage) => ({ stage, slice: byStage.find((s) => s.key === stage.stage) }));
  const open = rows.flatMap((r) => (r.stage.open && r.slice ? [r.slice] : []));
  return (
    <Stack gap="xs">
      <DataTable label="Totals by stage" columns={COLUMNS} rows={rows} rowKey={(r) => r.stage.stage} rowLabel={(r) => r.stage.label} minWidth={420} />
      <Text size="sm">
        Open pipeline: {open.reduce((n, s) => n + s.opportunities, 0)} opportunities, <Money cents={sum(open, (s) => s.value)} />, weighted{' '}
        <Money cents={sum(open, (s) => s.weighted)} />
      </Text>
    </Stack>
  );
}
