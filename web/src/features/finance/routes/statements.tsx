// The trial balance and balance sheet as at a chosen date, and the income statement
// for the financial year to that date.

import { Alert, Group, Stack, Table, Tabs } from '@mantine/core';
import { useState } from 'react';

import { Money, NumberCell, NumberTh } from '@/components/ui/money';
import { Page, Section } from '@/components/ui/page';
import { QueryState } from '@/components/ui/query-state';
import { addDays, isoDate } from '@/lib/format';

import { useBalanceSheet } from '../api/get-balance-sheet';
import { useIncomeStatement } from '../api/get-income-statement';
import { useTrialBalance } from '../api/get-trial-balance';
import { DateField } from '../components/date-field';
import { ReportTable } from '../components/report-table';

function TrialBalanceTab({ asAt }: { asAt: string }) {
  const query = useTrialBalance(asAt);
  return (
    <QueryState query={query} action="read the trial balance" isEmpty={(d) => d.trialBalance.lines.length === 0} empty="Nothing has been posted by this date.">
      {({ trialBalance }) => (
        <Table.ScrollContainer minWidth={700}>
          <Table striped aria-label={`Trial balance as at ${trialBalance.asAt}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Code</Table.Th>
                <Table.Th>Account</Table.Th>
                <Table.Th>Type</Table.Th>
                <NumberTh>Debit</NumberTh>
                <NumberTh>Credit</NumberTh>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {trialBalance.lines.map((line) => (
                <Table.Tr key={line.code}>
                  <Table.Td>{line.code}</Table.Td>
                  <Table.Td>{line.name}</Table.Td>
                  <Table.Td>{line.accountType.toLowerCase()}</Table.Td>
                  <NumberCell>
                    <Money amount={line.debit} />
                  </NumberCell>
                  <NumberCell>
                    <Money amount={line.credit} />
                  </NumberCell>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th colSpan={3} scope="row">
                  Totals
                </Table.Th>
                <NumberCell>
                  <strong>
                    <Money amount={trialBalance.totalDebit} />
                  </strong>
                </NumberCell>
                <NumberCell>
                  <strong>
                    <Money amount={trialBalance.totalCredit} />
                  </strong>
                </NumberCell>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      )}
    </QueryState>
  );
}

function IncomeStatementTab({ from, to }: { from: string; to: string }) {
  const query = useIncomeStatement(from, to);
  return (
    <QueryState query={query} action="read the income statement">
      {({ incomeStatement: s }) => (
        <Stack>
          <Section title="Income">
            <ReportTable caption="Income" lines={s.income} total={s.totalIncome} totalLabel="Total income" />
          </Section>
          <Section title="Cost of sales">
            <ReportTable caption="Cost of sales" lines={s.costOfSales} total={s.totalCostOfSales} totalLabel="Total cost of sales" />
          </Section>
          <Section title="Overheads">
            <ReportTable caption="Overheads" lines={s.expenses} total={s.totalExpenses} totalLabel="Total overheads" />
          </Section>
          <Table aria-label="Profit" w="auto" ml="auto">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th scope="row">Gross profit</Table.Th>
                <NumberCell>
                  <Money amount={s.grossProfit} />
                </NumberCell>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">Net profit</Table.Th>
                <NumberCell>
                  <strong>
                    <Money amount={s.netProfit} />
                  </strong>
                </NumberCell>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </QueryState>
  );
}

function BalanceSheetTab({ asAt }: { asAt: string }) {
  const query = useBalanceSheet(asAt);
  return (
    <QueryState query={query} action="read the balance sheet">
      {({ balanceSheet: b }) => (
        <Stack>
          {!b.balances ? (
            <Alert color="red" title="The balance sheet does not balance" role="alert">
              Difference: <Money amount={b.difference} />
            </Alert>
          ) : null}
          <Section title="Assets">
            <ReportTable caption="Assets" lines={b.assets} total={b.totalAssets} totalLabel="Total assets" />
          </Section>
          <Section title="Liabilities">
            <ReportTable caption="Liabilities" lines={b.liabilities} total={b.totalLiabilities} totalLabel="Total liabilities" />
          </Section>
          <Section title="Equity">
            <ReportTable caption="Equity" lines={b.equity} total={b.totalEquity} totalLabel="Total equity" />
          </Section>
          <Table aria-label="Equity and balance" w="auto" ml="auto">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th scope="row">Profit of earlier years</Table.Th>
                <NumberCell>
                  <Money amount={b.retainedProfitEarlierYears} />
                </NumberCell>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">Profit of financial year {b.financialYear} (from {b.financialYearStart})</Table.Th>
                <NumberCell>
                  <Money amount={b.currentYearProfit} />
                </NumberCell>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">Total liabilities and equity</Table.Th>
                <NumberCell>
                  <strong>
                    <Money amount={b.totalLiabilitiesAndEquity} />
                  </strong>
                </NumberCell>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </QueryState>
  );
}

export function StatementsRoute() {
  const [asAt, setAsAt] = useState(isoDate());
  const [from, setFrom] = useState(addDays(isoDate(), -364));
  return (
    <Page title="Financial statements" description="Trial balance and balance sheet as at a date; income statement for a period.">
      <Tabs defaultValue="trial-balance" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="trial-balance">Trial balance</Tabs.Tab>
          <Tabs.Tab value="income-statement">Income statement</Tabs.Tab>
          <Tabs.Tab value="balance-sheet">Balance sheet</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="trial-balance" pt="md">
          <Stack>
            <DateField label="As at" value={asAt} onChange={setAsAt} />
            <TrialBalanceTab asAt={asAt} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="income-statement" pt="md">
          <Stack>
            <Group>
              <DateField label="From" value={from} onChange={setFrom} />
              <DateField label="To" value={asAt} onChange={setAsAt} />
            </Group>
            <IncomeStatementTab from={from} to={asAt} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="balance-sheet" pt="md">
          <Stack>
            <DateField label="As at" value={asAt} onChange={setAsAt} />
            <BalanceSheetTab asAt={asAt} />
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </Page>
  );
}
