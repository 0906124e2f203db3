import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

/** One opportunity: what its quotes' pages name it by. */
export const OpportunityQuery = graphql(`
  query Opportunity($id: ID!) {
    opportunity(id: $id) {
      id
      name
      owner
      stage
      accountId
    }
  }
`);

export const opportunityQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['sales', 'opportunity', id],
    queryFn: () => execute(OpportunityQuery, { id }),
    enabled: id !== '',
  });

export const useOpportunity = (id: string) => useQuery(opportunityQueryOptions(id));
