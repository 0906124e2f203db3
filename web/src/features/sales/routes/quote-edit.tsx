// The quote builder as a screen: a new quote on an opportunity (`draftQuote`), or the next
// version of a draft (`reviseQuote`, its terms filled in from the latest version). Once
// saved, the quote's own page, which waits for the version saved.

import { Alert } from '@mantine/core';
import { useNavigate, useParams } from 'react-router';

import { AppLink } from '@/components/ui/link';
import { Page } from '@/components/ui/page';
import { QueryState } from '@/components/ui/query-state';
import { formatDecimal, parseDecimal, type VatTreatment } from '@/lib/money';

import { useOpportunity } from '../api/get-opportunity';
import { useQuote, type QuoteDetail } from '../api/get-quote';
import { useDraftQuote, useReviseQuote } from '../api/quote-actions';
import { newQuoteValues, QuoteBuilder, type QuoteBuilderValues } from '../components/quote-builder';
import type { SavedQuoteState } from './quote';

export function NewQuoteRoute() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const opportunity = useOpportunity(id);
  const draft = useDraftQuote(id);
  const o = opportunity.data?.opportunity;
  const back = `/opportunities/${encodeURIComponent(id)}/quotes`;
  return (
    <Page title={o ? `New quote: ${o.name}` : 'New quote'} actions={<AppLink to={back}>Quotes of this opportunity</AppLink>}>
      <QueryState query={opportunity} action="read this opportunity" isEmpty={(d) => d.opportunity === null} empty="This opportunity was not found: it may not exist, or it is not yours to see.">
        {(d) =>
          d.opportunity?.stage === 'LOST' ? (
            <Alert color="yellow">This opportunity was lost: it takes no more quotes.</Alert>
          ) : (
            <QuoteBuilder
              title="New quote"
              submitLabel="Save quote"
              initial={newQuoteValues()}
              submitting={draft.isPending}
              error={draft.error}
              onCancel={() => void navigate(back)}
              onSubmit={(input) =>
                draft.mutate(input, {
                  onSuccess: ({ draftQuote }) => void navigate(`/quotes/${encodeURIComponent(draftQuote.id)}`, { state: { atLeast: 1 } satisfies SavedQuoteState }),
                })
              }
            />
          )
        }
      </QueryState>
    </Page>
  );
}

const plain = (value: string) => {
  const exact = parseDecimal(value);
  return exact ? formatDecimal(exact) : value;
};

/** The builder's values from a saved version (a discount of nought left blank). */
export function valuesOf(quote: QuoteDetail): QuoteBuilderValues {
  return {
    validUntil: quote.validUntil,
    location: quote.location ?? '',
    lines: quote.lines.map((l) => ({
      product: l.product ?? '',
      description: l.description,
      quantity: plain(l.quantity),
      unitPrice: l.unitPrice,
      discountPercent: plain(l.discountPercent) === '0' ? '' : plain(l.discountPercent),
      vat: l.vatTreatment as VatTreatment,
    })),
  };
}

export function ReviseQuoteRoute() {
  const { id = '' } = useParams();
  const quote = useQuote(id);
  const q = quote.data?.quote;
  return (
    <Page title={q ? `Revise quote: version ${q.version + 1}` : 'Revise quote'} actions={<AppLink to={`/quotes/${encodeURIComponent(id)}`}>Back to the quote</AppLink>}>
      <QueryState query={quote} action="read this quote" isEmpty={(d) => d.quote === null} empty="This quote was not found: it may not exist, or its opportunity is not yours to see.">
        {(d) =>
          d.quote && d.quote.status !== 'DRAFT' ? (
            <Alert color="yellow">This quote was accepted: it is final and cannot be revised.</Alert>
          ) : d.quote ? (
            <Revise quote={d.quote} />
          ) : null
        }
      </QueryState>
    </Page>
  );
}

function Revise({ quote }: { quote: QuoteDetail }) {
  const navigate = useNavigate();
  const revise = useReviseQuote(quote);
  const view = `/quotes/${encodeURIComponent(quote.id)}`;
  return (
    <QuoteBuilder
      title="Revise quote"
      submitLabel={`Save version ${quote.version + 1}`}
      initial={valuesOf(quote)}
      submitting={revise.isPending}
      error={revise.error}
      onCancel={() => void navigate(view)}
      onSubmit={(input) => revise.mutate(input, { onSuccess: () => void navigate(view, { state: { atLeast: quote.version + 1 } satisfies SavedQuoteState }) })}
    />
  );
}
