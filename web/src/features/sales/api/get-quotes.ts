import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

/** The quotes of an opportunity, latest first (each with its latest version). */
export const QuotesQuery = graphql(`
  query Quotes($opportunityId: ID!) {
    quotes(opportunityId: $opportunityId) {
      id
      version
      status
      validUntil
      location
      net
      vat
      total
      createdAt
      updatedAt
    }
  }
`);

export const quotesKey = (opportunityId: string) => ['sales', 'quotes', opportunityId] as const;

export const quotesQueryOptions = (opportunityId: string) =>
  queryOptions({
    queryKey: quotesKey(opportunityId),
    queryFn: () => execute(QuotesQuery, { opportunityId }),
  });

export const useQuotes = (opportunityId: string) => useQuery(quotesQueryOptions(opportunityId));
