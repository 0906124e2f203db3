import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { QuoteQuery as QuoteAnswer } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

/** One quote with its latest version: lines, amounts and what inventory said per line. */
export const QuoteQuery = graphql(`
  query Quote($id: ID!) {
    quote(id: $id) {
      id
      opportunityId
      version
      status
      validUntil
      location
      lines {
        product
        description
        quantity
        unitPrice
        discountPercent
        net
        vatTreatment
        vat
        stock {
          status
          available
          inTransit
          shortfall
          reason
        }
      }
      net
      vat
      total
      createdAt
      updatedAt
    }
  }
`);

export type QuoteDetail = NonNullable<QuoteAnswer['quote']>;
export type QuoteLineDetail = QuoteDetail['lines'][number];

export const quoteKey = (id: string) => ['sales', 'quote', id] as const;

/**
 * The quotes' read model follows the command a moment later: a quote not there yet (just
 * drafted), or older than the version `atLeast` names (just revised), is asked for again
 * every 750 ms, 60 times at most.
 */
export const quoteQueryOptions = (id: string, atLeast = 0) =>
  queryOptions({
    queryKey: quoteKey(id),
    queryFn: () => execute(QuoteQuery, { id }),
    refetchInterval: (query) => {
      const quote = query.state.data?.quote;
      const behind = query.state.data !== undefined && (quote === null || (quote !== undefined && quote.version < atLeast));
      return behind && query.state.dataUpdateCount < 60 ? 750 : false;
    },
  });

export const useQuote = (id: string, atLeast = 0) => useQuery(quoteQueryOptions(id, atLeast));
