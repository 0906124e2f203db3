import { Alert, Badge, Table } from '@mantine/core';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';

import { AppLink, LinkButton } from '@/components/ui/link';
import { Money, NumberCell, NumberTh } from '@/components/ui/money';
import { Page } from '@/components/ui/page';
import { QueryState } from '@/components/ui/query-state';
import { Authorization } from '@/lib/permissions/authorization';

import { useInvoices } from '../api/get-invoices';

export function InvoicesRoute() {
  const [params] = useSearchParams();
  const raised = params.get('raised');
  const raisedNumber = params.get('number');
  const invoices = useInvoices();
  const arrived = raised !== null && (invoices.data?.invoices.some((i) => i.id === raised) ?? false);
  const { refetch } = invoices;

  // The list is a read model: a just-raised invoice appears within moments.
  useEffect(() => {
    if (raised === null || arrived) return;
    const timer = window.setInterval(() => void refetch(), 700);
    const stop = window.setTimeout(() => window.clearInterval(timer), 30_000);
    return () => {
      window.clearInterval(timer);
      window.clearTimeout(stop);
    };
  }, [raised, arrived, refetch]);

  return (
    <Page
      title="Invoices"
      description="Customer tax invoices, newest first."
      actions={
        <Authorization allowed="finance.journals.post">
          <LinkButton to="/finance/invoices/new">Raise invoice</LinkButton>
        </Authorization>
      }
    >
      {raised ? (
        <Alert color="green" title={`Invoice ${raisedNumber ?? ''} raised`} role="status">
          {arrived ? 'It is in the list below.' : 'It will appear in the list in a moment…'}
        </Alert>
      ) : null}
      <QueryState query={invoices} action="read invoices" isEmpty={(d) => d.invoices.length === 0} empty="No invoices yet.">
        {({ invoices: rows }) => (
          <Table.ScrollContainer minWidth={900}>
            <Table striped highlightOnHover aria-label="Invoices">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Number</Table.Th>
                  <Table.Th>Date</Table.Th>
                  <Table.Th>Customer</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <NumberTh>Excl. VAT</NumberTh>
                  <NumberTh>VAT</NumberTh>
                  <NumberTh>Total</NumberTh>
                  <NumberTh>Retention</NumberTh>
                  <NumberTh>Open</NumberTh>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((invoice) => (
                  <Table.Tr key={invoice.id} aria-selected={invoice.id === raised ? true : undefined}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <AppLink to={`/finance/invoices/${invoice.id}`}>{invoice.number ?? 'Draft'}</AppLink>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{invoice.date}</Table.Td>
                    <Table.Td>{invoice.recipient.name}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={invoice.status === 'ISSUED' ? 'blue' : 'gray'} style={{ overflow: 'visible' }}>
                        {invoice.status.toLowerCase()}
                      </Badge>
                    </Table.Td>
                    <NumberCell>
                      <Money amount={invoice.totalExclVat} />
                    </NumberCell>
                    <NumberCell>
                      <Money amount={invoice.vat} />
                    </NumberCell>
                    <NumberCell>
                      <Money amount={invoice.total} />
                    </NumberCell>
                    <NumberCell>
                      <Money amount={invoice.retention} />
                    </NumberCell>
                    <NumberCell>
                      <Money amount={invoice.amountOpen} />
                    </NumberCell>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
    </Page>
  );
}
