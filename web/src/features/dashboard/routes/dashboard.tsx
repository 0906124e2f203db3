// The dashboard: for each role what needs attention — finance: overdue debtors,
// unreconciled bank lines, the cash position; sales: the pipeline by stage; site and
// project managers: their projects.

import { Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';

import { AppLink } from '@/components/ui/link';
import { Money, NumberCell, NumberTh } from '@/components/ui/money';
import { Page, Section } from '@/components/ui/page';
import { PipelineChart } from '@/components/ui/pipeline-chart';
import { QueryState } from '@/components/ui/query-state';
import { addDays, formatCents, humanize, isoDate } from '@/lib/format';
import { parseRand } from '@/lib/money';
import { useMe } from '@/lib/permissions/get-me';
import { Authorization } from '@/lib/permissions/authorization';

import { useFinanceSummary } from '../api/get-finance-summary';
import { useMyProjects } from '../api/get-my-projects';
import { usePipeline } from '../api/get-pipeline';

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Card withBorder role="group" aria-label={label}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Title order={3} size="h3" style={{ whiteSpace: 'nowrap' }}>
        {value}
      </Title>
      {hint ? (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      ) : null}
    </Card>
  );
}

function FinanceAttention() {
  const today = isoDate();
  const query = useFinanceSummary(today);
  return (
    <Section title="Finance: needs attention">
      <QueryState query={query} action="read the finance summary">
        {(d) => {
          const t = d.agedDebtors.totals;
          const overdue = [t.days30, t.days60, t.days90, t.days120Plus].reduce((sum, a) => sum + (parseRand(a) ?? 0n), 0n);
          const monthAgo = addDays(today, -30);
          const overdueInvoices = d.invoices.filter((i) => i.date <= monthAgo && (parseRand(i.amountOpen) ?? 0n) > 0n).slice(0, 8);
          return (
            <Stack>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <Stat label="Overdue debtors (30+ days)" value={formatCents(overdue)} hint={`of ${formatCents(parseRand(t.total) ?? 0n)} owed`} />
                <Stat label="Cash position (bank in the ledger)" value={formatCents(parseRand(d.bankReconciliation.ledgerBalance) ?? 0n)} hint={`statement ${formatCents(parseRand(d.bankReconciliation.statementTotal) ?? 0n)}`} />
                <Stat label="Unreconciled bank lines" value={String(d.bankReconciliation.unreconciledLines.length)} />
              </SimpleGrid>
              {overdueInvoices.length === 0 ? (
                <Text c="dimmed" role="status">
                  No invoice older than 30 days is still open.
                </Text>
              ) : (
                <Table aria-label="Overdue invoices" striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Invoice</Table.Th>
                      <Table.Th>Date</Table.Th>
                      <Table.Th>Customer</Table.Th>
                      <NumberTh>Open</NumberTh>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {overdueInvoices.map((i) => (
                      <Table.Tr key={i.id}>
                        <Table.Td>
                          <AppLink to={`/finance/invoices/${i.id}`}>{i.number ?? 'draft'}</AppLink>
                        </Table.Td>
                        <Table.Td>{i.date}</Table.Td>
                        <Table.Td>{i.recipient.name}</Table.Td>
                        <NumberCell>
                          <Money amount={i.amountOpen} />
                        </NumberCell>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Stack>
          );
        }}
      </QueryState>
    </Section>
  );
}

function SalesPipeline() {
  const query = usePipeline();
  return (
    <Section title="Sales pipeline by stage">
      <QueryState query={query} action="read opportunities" isEmpty={(d) => d.opportunities.nodes.length === 0} empty="The pipeline is empty.">
        {(d) => <PipelineChart opportunities={d.opportunities.nodes} />}
      </QueryState>
    </Section>
  );
}

function MyProjects() {
  const query = useMyProjects();
  return (
    <Section title="Your projects">
      <QueryState query={query} action="read projects" isEmpty={(d) => d.projects.length === 0} empty="No projects are assigned to you yet.">
        {(d) => (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {d.projects.map((p) => (
              <Card withBorder key={p.id}>
                <Group justify="space-between">
                  <Text fw={600}>{p.code}</Text>
                  <Badge variant="light">{humanize(p.status)}</Badge>
                </Group>
                <Text>{p.name}</Text>
                <Text size="sm" c="dimmed">
                  {p.siteName}
                </Text>
              </Card>
            ))}
          </SimpleGrid>
        )}
      </QueryState>
    </Section>
  );
}

export function DashboardRoute() {
  const me = useMe();
  const name = me.data?.me.name ?? me.data?.me.subject ?? '';
  return (
    <Page title="Dashboard" description={name ? `Welcome, ${name}.` : undefined}>
      <Authorization allowed="finance.ledger.read">
        <FinanceAttention />
      </Authorization>
      <Authorization allowed="sales.opportunities.read">
        <SalesPipeline />
      </Authorization>
      <Authorization allowed={['orders.projects.read_assigned']}>
        <MyProjects />
      </Authorization>
      <Authorization allowed={['identity.read']}>
        <Text size="sm">
          <AppLink to="/accounts">Customers, vendors and subcontractors</AppLink>
        </Text>
      </Authorization>
    </Page>
  );
}
