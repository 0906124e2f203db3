// Drafting, revising and accepting quotes. The quotes' read model follows a command a
// moment later: after a revision or an acceptance the quote is read again every 700 ms
// until it shows it (the new version, or ACCEPTED), for 30 s at most; the opportunity's
// list a few times likewise.

import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { QuoteInput } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

import { quoteKey, type QuoteDetail } from './get-quote';
import { quotesKey } from './get-quotes';

export const DraftQuoteMutation = graphql(`
  mutation DraftQuote($opportunityId: ID!, $input: QuoteInput!) {
    draftQuote(opportunityId: $opportunityId, input: $input) {
      id
    }
  }
`);

export const ReviseQuoteMutation = graphql(`
  mutation ReviseQuote($id: ID!, $input: QuoteInput!) {
    reviseQuote(id: $id, input: $input) {
      id
    }
  }
`);

export const AcceptQuoteMutation = graphql(`
  mutation AcceptQuote($id: ID!) {
    acceptQuote(id: $id) {
      id
    }
  }
`);

const EVERY_MS = 700;
const AT_MOST_MS = 30_000;
const LIST_MS = [300, 1500, 4000, 10_000];

/** Reads the opportunity's quotes a few times, and the quote until `settled` holds. */
export function refreshQuote(queryClient: QueryClient, opportunityId: string, id: string | null, settled?: (quote: QuoteDetail | null | undefined) => boolean) {
  const list = quotesKey(opportunityId);
  void queryClient.invalidateQueries({ queryKey: list });
  for (const ms of LIST_MS) window.setTimeout(() => void queryClient.invalidateQueries({ queryKey: list }), ms);
  if (!id || !settled) return;
  const started = Date.now();
  const poll = async () => {
    await queryClient.invalidateQueries({ queryKey: quoteKey(id), exact: true });
    const data = queryClient.getQueryData<{ quote: QuoteDetail | null }>(quoteKey(id));
    if (!settled(data?.quote) && Date.now() - started < AT_MOST_MS) window.setTimeout(() => void poll(), EVERY_MS);
  };
  void poll();
}

export function useDraftQuote(opportunityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: QuoteInput) => execute(DraftQuoteMutation, { opportunityId, input }),
    onSuccess: () => refreshQuote(queryClient, opportunityId, null),
  });
}

/** A new version of `quote` (its current version is `quote.version`). */
export function useReviseQuote(quote: Pick<QuoteDetail, 'id' | 'opportunityId' | 'version'>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: QuoteInput) => execute(ReviseQuoteMutation, { id: quote.id, input }),
    onSuccess: () => refreshQuote(queryClient, quote.opportunityId, quote.id, (q) => (q?.version ?? 0) > quote.version),
  });
}

export function useAcceptQuote(quote: Pick<QuoteDetail, 'id' | 'opportunityId'>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => execute(AcceptQuoteMutation, { id: quote.id }),
    onSuccess: () => refreshQuote(queryClient, quote.opportunityId, quote.id, (q) => q?.status === 'ACCEPTED'),
  });
}
