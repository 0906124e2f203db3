// Budget vs actual vs committed per project and cost code, as at a date: bars to compare
// at a glance over the table with the numbers.

import '@mantine/charts/styles.css';

import { BarChart } from '@mantine/charts';
import { Box, Table } from '@mantine/core';
import { useState } from 'react';

import { Money, NumberCell, NumberTh } from '@/components/ui/money';
import { Page } from '@/components/ui/page';
import { QueryState } from '@/components/ui/query-state';
import { formatCents, isoDate } from '@/lib/format';
import { parseRand } from '@/lib/money';

import { useProjectCosts } from '../api/get-project-costs';
import { DateField } from '../components/date-field';

const rand = (amount: string) => Number(parseRand(amount) ?? 0n) / 100;

export function BudgetsRoute() {
  const [asAt, setAsAt] = useState(isoDate());
  const query = useProjectCosts(asAt);
  return (
    <Page title="Budgets vs actual" description="Per project and cost code: budget, actual cost, committed and the variance.">
      <DateField label="As at" value={asAt} onChange={setAsAt} />
      <QueryState
        query={query}
        action="read project costs"
        isEmpty={(d) => d.projectCostReport.lines.length === 0}
        empty="No budgets or project costs yet."
      >
        {({ projectCostReport: report, projects }) => {
          const name = (id: string) => projects.find((p) => p.id === id)?.code ?? id;
          const label = (line: { projectId: string; costCode?: string | null }) =>
            `${name(line.projectId)}${line.costCode ? ` · ${line.costCode}` : ''}`;
          return (
            <>
              <Box role="img" aria-label="Budget, actual and committed per project and cost code, chart of the table below">
                <BarChart
                  h={280}
                  data={report.lines.map((line) => ({
                    name: label(line),
                    Budget: rand(line.budget),
                    Actual: rand(line.actual),
                    Committed: rand(line.committed),
                  }))}
                  dataKey="name"
                  valueFormatter={(v) => formatCents(BigInt(Math.round(v * 100)))}
                  series={[
                    { name: 'Budget', color: 'blue.6' },
                    { name: 'Actual', color: 'teal.6' },
                    { name: 'Committed', color: 'orange.5' },
                  ]}
                  withLegend
                />
              </Box>
              <Table.ScrollContainer minWidth={800}>
                <Table striped aria-label="Budget vs actual">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Project · cost code</Table.Th>
                      <NumberTh>Budget</NumberTh>
                      <NumberTh>Actual</NumberTh>
                      <NumberTh>Committed</NumberTh>
                      <NumberTh>Variance</NumberTh>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {report.lines.map((line) => (
                      <Table.Tr key={`${line.projectId}-${line.costCode ?? ''}`}>
                        <Table.Td>{label(line)}</Table.Td>
                        <NumberCell>
                          <Money amount={line.budget} />
                        </NumberCell>
                        <NumberCell>
                          <Money amount={line.actual} />
                        </NumberCell>
                        <NumberCell>
                          <Money amount={line.committed} />
                        </NumberCell>
                        <NumberCell>
                          <Money amount={line.variance} />
                        </NumberCell>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                  <Table.Tfoot>
                    <Table.Tr>
                      <Table.Th scope="row">Total (revenue {formatCents(parseRand(report.revenue) ?? 0n)})</Table.Th>
                      <NumberCell>
                        <Money amount={report.totalBudget} />
                      </NumberCell>
                      <NumberCell>
                        <Money amount={report.totalActual} />
                      </NumberCell>
                      <NumberCell>
                        <Money amount={report.totalCommitted} />
                      </NumberCell>
                      <NumberCell>
                        <Money amount={report.totalVariance} />
                      </NumberCell>
                    </Table.Tr>
                  </Table.Tfoot>
                </Table>
              </Table.ScrollContainer>
            </>
          );
        }}
      </QueryState>
    </Page>
  );
}
