// An opportunity's quotes, latest first: version, status, validity, supply location and
// amounts, each a link to the quote; **New quote** for those who may quote while the
// opportunity is not lost.

import { Table } from '@mantine/core';
import { useParams } from 'react-router';

import { AppLink, LinkButton } from '@/components/ui/link';
import { Money, NumberCell, NumberTh } from '@/components/ui/money';
import { Page } from '@/components/ui/page';
import { QueryState } from '@/components/ui/query-state';
import { formatDateTime, humanize } from '@/lib/format';
import { Authorization } from '@/lib/permissions/authorization';

import { useOpportunity } from '../api/get-opportunity';
import { useQuotes } from '../api/get-quotes';
import { QuoteStatusBadge } from '../components/quote-status';

export function QuotesRoute() {
  const { id = '' } = useParams();
  const opportunity = useOpportunity(id);
  const quotes = useQuotes(id);
  const o = opportunity.data?.opportunity;
  const closed = o?.stage === 'LOST';
  return (
    <Page
      title={o ? `Quotes: ${o.name}` : 'Quotes'}
      description={o ? `Opportunity at ${humanize(o.stage).toLowerCase()}, owned by ${o.owner}.` : undefined}
      actions={
        <>
          <AppLink to="/opportunities">All opportunities</AppLink>
          {o && !closed ? (
            <Authorization allowed="sales.opportunities.write">
              <LinkButton to={`/opportunities/${encodeURIComponent(id)}/quotes/new`}>New quote</LinkButton>
            </Authorization>
          ) : null}
        </>
      }
    >
      {opportunity.data && !o ? (
        <QueryState query={opportunity} isEmpty={() => true} empty="This opportunity was not found: it may not exist, or it is not yours to see.">
          {() => null}
        </QueryState>
      ) : (
        <QueryState query={quotes} action="read quotes" isEmpty={(d) => d.quotes.length === 0} empty="No quotes on this opportunity yet.">
          {(d) => (
            <Table.ScrollContainer minWidth={800}>
              <Table striped aria-label="Quotes">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Quote</Table.Th>
                    <NumberTh>Version</NumberTh>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>Valid until</Table.Th>
                    <Table.Th>Supply location</Table.Th>
                    <NumberTh>Net</NumberTh>
                    <NumberTh>Total incl. VAT</NumberTh>
                    <Table.Th>Updated</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {d.quotes.map((q) => (
                    <Table.Tr key={q.id}>
                      <Table.Td>
                        <AppLink to={`/quotes/${encodeURIComponent(q.id)}`}>Quote of {formatDateTime(q.createdAt)}</AppLink>
                      </Table.Td>
                      <NumberCell>{q.version}</NumberCell>
                      <Table.Td>
                        <QuoteStatusBadge status={q.status} />
                      </Table.Td>
                      <Table.Td>{q.validUntil}</Table.Td>
                      <Table.Td>{q.location ?? '—'}</Table.Td>
                      <NumberCell>
                        <Money amount={q.net} />
                      </NumberCell>
                      <NumberCell>
                        <Money amount={q.total} />
                      </NumberCell>
                      <Table.Td>{formatDateTime(q.updatedAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </QueryState>
      )}
    </Page>
  );
}
