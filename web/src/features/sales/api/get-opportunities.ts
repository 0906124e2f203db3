import { keepPreviousData, queryOptions, useQueries, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { OpportunitiesQuery as OpportunitiesAnswer, OpportunitiesQueryVariables, OpportunityStage } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

export const OpportunitiesQuery = graphql(`
  query Opportunities($first: Int!, $after: String, $stage: OpportunityStage, $owner: String) {
    opportunities(first: $first, after: $after, stage: $stage, owner: $owner) {
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
        competitor
        openedAt
        expectedClose
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export type OpportunityRow = OpportunitiesAnswer['opportunities']['nodes'][number];

export const opportunitiesKey = ['sales', 'opportunities'] as const;

/** A page of opportunities (of one stage, of one owner); the board asks one per column. */
export const opportunitiesQueryOptions = (variables: OpportunitiesQueryVariables) =>
  queryOptions({
    queryKey: [...opportunitiesKey, variables],
    queryFn: () => execute(OpportunitiesQuery, variables),
    placeholderData: keepPreviousData,
  });

export const useOpportunities = (variables: OpportunitiesQueryVariables) => useQuery(opportunitiesQueryOptions(variables));

/** The opportunities of each stage (the first 100 of each), one query per stage. */
export const useOpportunitiesByStage = (stages: readonly OpportunityStage[], owner: string | null) =>
  useQueries({ queries: stages.map((stage) => opportunitiesQueryOptions({ first: 100, stage, owner })) });
