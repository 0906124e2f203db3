// One invoice laid out as the SARS tax invoice it is (VAT Act s20(4)): the words "Tax
// Invoice", the supplier's and recipient's names, addresses and VAT numbers, the
// serial number and date of issue, each supply with its value, VAT and total, and the
// totals — then retention and what is due now.

import { Badge, Divider, Grid, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useParams } from 'react-router';

import { AppLink } from '@/components/ui/link';
import { Money, NumberCell, NumberTh } from '@/components/ui/money';
import { Page } from '@/components/ui/page';
import { Empty, ErrorAlert, Loading } from '@/components/ui/query-state';
import { formatDateTime, humanize } from '@/lib/format';
import { Authorization } from '@/lib/permissions/authorization';

import { useInvoice } from '../api/get-invoice';
import { TotalsTable } from '../components/invoice-totals';

function Party({ heading, name, address, vatNumber }: { heading: string; name: string; address?: string | null; vatNumber?: string | null }) {
  return (
    <Stack gap={2} aria-label={heading} role="group">
      <Text size="xs" tt="uppercase" c="dimmed" fw={700}>
        {heading}
      </Text>
      <Text fw={600}>{name}</Text>
      {address ? <Text size="sm" style={{ whiteSpace: 'pre-line' }}>{address}</Text> : null}
      <Text size="sm">VAT registration number: {vatNumber ?? 'not registered'}</Text>
    </Stack>
  );
}

export function InvoiceRoute() {
  const { id = '' } = useParams();
  const query = useInvoice(id);

  if (query.isPending) return <Loading label="Loading the invoice…" />;
  if (query.error) return <ErrorAlert error={query.error} action="read invoices" onRetry={() => void query.refetch()} />;
  const invoice = query.data.invoice;
  if (!invoice) return <Empty>This invoice was not found (it may still be on its way).</Empty>;

  return (
    <Page
      title={`Invoice ${invoice.number ?? '(draft)'}`}
      actions={
        <Authorization allowed="finance.ledger.read">
          <AppLink to={`/audit/ledger-history?document=${encodeURIComponent(invoice.id)}`}>Ledger history of this invoice</AppLink>
        </Authorization>
      }
    >
      <Paper withBorder p="xl" maw={960} component="article" aria-label={`${invoice.title} ${invoice.number ?? ''}`}>
        <Stack gap="lg">
          <Group justify="space-between" align="flex-start">
            <Title order={2}>{invoice.title}</Title>
            <Stack gap={2} align="flex-end">
              <Text>
                Invoice number: <strong>{invoice.number ?? 'draft'}</strong>
              </Text>
              <Text>Date of issue: {invoice.date}</Text>
              <Badge variant="light">{invoice.status.toLowerCase()}</Badge>
            </Stack>
          </Group>
          <Grid>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Party heading="Supplier" {...invoice.supplier} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Party heading="Recipient" {...invoice.recipient} />
            </Grid.Col>
          </Grid>
          <Table.ScrollContainer minWidth={700}>
            <Table aria-label="Supplies">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Description</Table.Th>
                  <NumberTh>Quantity</NumberTh>
                  <NumberTh>Unit price</NumberTh>
                  <Table.Th>VAT</Table.Th>
                  <NumberTh>Value excl. VAT</NumberTh>
                  <NumberTh>VAT amount</NumberTh>
                  <NumberTh>Total</NumberTh>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {invoice.lines.map((line, index) => (
                  <Table.Tr key={index}>
                    <Table.Td>
                      {line.description}
                      {line.projectId ? (
                        <Text size="xs" c="dimmed">
                          Project {line.projectId}
                          {line.costCode ? ` · cost code ${line.costCode}` : ''}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <NumberCell>{line.quantity}</NumberCell>
                    <NumberCell>
                      <Money amount={line.unitPrice} />
                    </NumberCell>
                    <Table.Td>{line.vatTreatment === 'STANDARD' ? '15%' : humanize(line.vatTreatment)}</Table.Td>
                    <NumberCell>
                      <Money amount={line.valueExclVat} />
                    </NumberCell>
                    <NumberCell>
                      <Money amount={line.vat} />
                    </NumberCell>
                    <NumberCell>
                      <Money amount={line.total} />
                    </NumberCell>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <TotalsTable
            caption="Invoice totals"
            rows={[
              { label: 'Total excl. VAT', amount: invoice.totalExclVat },
              { label: 'VAT', amount: invoice.vat },
              { label: 'Total incl. VAT', amount: invoice.total, strong: true },
              { label: `Retention (${invoice.retentionPercent ?? '0'}%)`, amount: invoice.retention },
              { label: 'Amount due', amount: invoice.amountDue, strong: true },
              { label: 'Still open', amount: invoice.amountOpen },
              { label: 'Retention held', amount: invoice.retentionHeld },
            ]}
          />
          <Divider />
          <Text size="xs" c="dimmed">
            Raised {formatDateTime(invoice.raisedAt)} by {invoice.raisedBy ?? 'unknown'}
            {invoice.issuedAt ? ` · issued ${formatDateTime(invoice.issuedAt)}` : ''}
            {invoice.journalId ? ` · journal ${invoice.journalId}` : ''}
          </Text>
        </Stack>
      </Paper>
    </Page>
  );
}
