import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { OpportunitiesQueryVariables } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

export const OpportunitiesQuery = graphql(`
  query Opportunities($first: Int!, $after: String, $stage: OpportunityStage) {
    opportunities(first: $first, after: $after, stage: $stage) {
      nodes {
        id
        name
        owner
        source
        stage
        probability
        estimatedValue
        accountId
        lostReason
        openedAt
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export const opportunitiesQueryOptions = (variables: OpportunitiesQueryVariables) =>
  queryOptions({
    queryKey: ['sales', 'opportunities', variables],
    queryFn: () => execute(OpportunitiesQuery, variables),
    placeholderData: keepPreviousData,
  });

export const useOpportunities = (variables: OpportunitiesQueryVariables) => useQuery(opportunitiesQueryOptions(variables));
