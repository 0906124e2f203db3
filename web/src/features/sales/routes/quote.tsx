// One quote, its latest version: status, version, validity, supply location, the lines
// with the stock inventory reported when it was saved, and net, VAT and total. While it
// is a draft, **Revise** (a new version) and **Accept** for those who may quote; the
// server's refusal (an expired quote, say) is shown in its words.

import { Alert, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useLocation, useParams } from 'react-router';

import { AppLink, LinkButton } from '@/components/ui/link';
import { Money } from '@/components/ui/money';
import { Page, Section } from '@/components/ui/page';
import { ErrorAlert, QueryState } from '@/components/ui/query-state';
import { describeError } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import { Authorization } from '@/lib/permissions/authorization';

import { useOpportunity } from '../api/get-opportunity';
import { useQuote, type QuoteDetail } from '../api/get-quote';
import { useAcceptQuote } from '../api/quote-actions';
import { QuoteLinesTable } from '../components/quote-lines';
import { QuoteStatusBadge } from '../components/quote-status';

/** Navigation state after saving: the version the page waits for. */
export interface SavedQuoteState {
  atLeast?: number;
}

export function QuoteRoute() {
  const { id = '' } = useParams();
  const state = (useLocation().state ?? {}) as SavedQuoteState;
  const quote = useQuote(id, state.atLeast ?? 0);
  const q = quote.data?.quote;
  const opportunity = useOpportunity(q?.opportunityId ?? '');
  const name = opportunity.data?.opportunity?.name;
  const waiting = q && state.atLeast && q.version < state.atLeast;
  return (
    <Page
      title={q ? `Quote for ${name ?? 'the opportunity'}, version ${q.version}` : 'Quote'}
      actions={q ? <AppLink to={`/opportunities/${encodeURIComponent(q.opportunityId)}/quotes`}>All quotes of this opportunity</AppLink> : undefined}
    >
      {q ? (
        <>
          {quote.error ? <ErrorAlert error={quote.error} action="read this quote" title="The quote could not be refreshed" onRetry={() => void quote.refetch()} /> : null}
          {waiting ? (
            <Text role="status" c="dimmed" size="sm">
              Version {state.atLeast} was saved; it appears here in a moment.
            </Text>
          ) : null}
          <QuoteBody quote={q} />
        </>
      ) : (
        <QueryState
          query={quote}
          action="read this quote"
          isEmpty={(d) => d.quote === null}
          empty="This quote was not found: it may not exist, its opportunity is not yours to see, or it was saved a moment ago (it appears shortly)."
        >
          {() => null}
        </QueryState>
      )}
    </Page>
  );
}

function QuoteBody({ quote }: { quote: QuoteDetail }) {
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="center">
        <Group gap="xs">
          <Text fw={600}>Status</Text>
          <span aria-label="Quote status">
            <QuoteStatusBadge status={quote.status} />
          </span>
        </Group>
        {quote.status === 'DRAFT' ? (
          <Authorization allowed="sales.opportunities.write">
            <QuoteActions quote={quote} />
          </Authorization>
        ) : null}
      </Group>
      <Table aria-label="Quote details" maw={560} withRowBorders={false}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th>Version</Table.Th>
            <Table.Td>{quote.version}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Valid until</Table.Th>
            <Table.Td>{quote.validUntil}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Supply location</Table.Th>
            <Table.Td>{quote.location ?? 'none (stock not checked)'}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Net excl. VAT</Table.Th>
            <Table.Td ta="right">
              <Money amount={quote.net} />
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>VAT</Table.Th>
            <Table.Td ta="right">
              <Money amount={quote.vat} />
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Total incl. VAT</Table.Th>
            <Table.Td ta="right" fw={700}>
              <Money amount={quote.total} />
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Saved</Table.Th>
            <Table.Td>{formatDateTime(quote.updatedAt)}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Section title="Lines">
        <QuoteLinesTable lines={quote.lines} />
      </Section>
    </Stack>
  );
}

function QuoteActions({ quote }: { quote: QuoteDetail }) {
  const accept = useAcceptQuote(quote);
  return (
    <Stack gap={4} align="flex-end">
      <Group gap="xs">
        <LinkButton variant="default" to={`/quotes/${encodeURIComponent(quote.id)}/revise`}>
          Revise
        </LinkButton>
        <Button color="green" loading={accept.isPending} onClick={() => accept.mutate()}>
          Accept
        </Button>
      </Group>
      {accept.isSuccess ? (
        <Text role="status" size="sm">
          Accepted: the quote is final.
        </Text>
      ) : null}
      {accept.error ? (
        <Alert color="red" role="alert" title="The quote was not accepted">
          {describeError(accept.error, 'accept quotes')}
        </Alert>
      ) : null}
    </Stack>
  );
}
