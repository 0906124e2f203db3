// Aged debtors and creditors as at a date: a stacked bar per counterparty (what is
// current and how much is 30, 60, 90 and 120+ days old) over the table it is drawn from.

import '@mantine/charts/styles.css';

import { BarChart } from '@mantine/charts';
import { Box, Group, Table } from '@mantine/core';
import { useState } from 'react';

import { Money, NumberCell, NumberTh } from '@/components/ui/money';
import { Page, Section } from '@/components/ui/page';
import { QueryState } from '@/components/ui/query-state';
import { formatCents, isoDate } from '@/lib/format';
import { parseRand } from '@/lib/money';
import type { AgedReportFieldsFragment } from '@/gql/graphql';

import { useAgedReports } from '../api/get-aged';
import { DateField } from '../components/date-field';

const BUCKETS = [
  { key: 'current', label: 'Current', color: 'teal.6' },
  { key: 'days30', label: '30 days', color: 'yellow.5' },
  { key: 'days60', label: '60 days', color: 'orange.5' },
  { key: 'days90', label: '90 days', color: 'red.5' },
  { key: 'days120Plus', label: '120+ days', color: 'red.9' },
] as const;

const rand = (amount: string) => Number(parseRand(amount) ?? 0n) / 100;

function AgedSection({ title, report }: { title: string; report: AgedReportFieldsFragment }) {
  const chartData = report.lines.map((line) => ({
    name: line.counterpartyName,
    ...Object.fromEntries(BUCKETS.map((b) => [b.label, rand(line.amounts[b.key])])),
  }));
  return (
    <Section title={title}>
      {report.lines.length === 0 ? (
        <Box c="dimmed" role="status">
          Nothing outstanding.
        </Box>
      ) : (
        <>
          <Box role="img" aria-label={`${title} by age, chart of the table below`}>
            <BarChart
              h={Math.max(160, 48 * report.lines.length)}
              data={chartData}
              dataKey="name"
              type="stacked"
              orientation="vertical"
              yAxisProps={{ width: 220 }}
              valueFormatter={(v) => formatCents(BigInt(Math.round(v * 100)))}
              series={BUCKETS.map((b) => ({ name: b.label, color: b.color }))}
              withLegend
            />
          </Box>
          <Table.ScrollContainer minWidth={800}>
            <Table striped aria-label={title}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  {BUCKETS.map((b) => (
                    <NumberTh key={b.key}>{b.label}</NumberTh>
                  ))}
                  <NumberTh>On account</NumberTh>
                  <NumberTh>Total</NumberTh>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.lines.map((line) => (
                  <Table.Tr key={line.counterpartyId}>
                    <Table.Td>{line.counterpartyName}</Table.Td>
                    {BUCKETS.map((b) => (
                      <NumberCell key={b.key}>
                        <Money amount={line.amounts[b.key]} />
                      </NumberCell>
                    ))}
                    <NumberCell>
                      <Money amount={line.amounts.onAccount} />
                    </NumberCell>
                    <NumberCell>
                      <Money amount={line.amounts.total} />
                    </NumberCell>
                  </Table.Tr>
                ))}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th scope="row">Total</Table.Th>
                  {BUCKETS.map((b) => (
                    <NumberCell key={b.key}>
                      <Money amount={report.totals[b.key]} />
                    </NumberCell>
                  ))}
                  <NumberCell>
                    <Money amount={report.totals.onAccount} />
                  </NumberCell>
                  <NumberCell>
                    <strong>
                      <Money amount={report.totals.total} />
                    </strong>
                  </NumberCell>
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Section>
  );
}

export function AgedRoute() {
  const [asAt, setAsAt] = useState(isoDate());
  const query = useAgedReports(asAt);
  return (
    <Page title="Aged debtors & creditors" description="What customers owe and what is owed to suppliers, by age.">
      <Group>
        <DateField label="As at" value={asAt} onChange={setAsAt} />
      </Group>
      <QueryState query={query} action="read the aged reports">
        {(data) => (
          <>
            <AgedSection title="Aged debtors" report={data.agedDebtors} />
            <AgedSection title="Aged creditors" report={data.agedCreditors} />
          </>
        )}
      </QueryState>
    </Page>
  );
}
