import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { LeadsQueryVariables } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

export const LeadsQuery = graphql(`
  query Leads($first: Int!, $after: String, $companyContains: String, $status: LeadStatus) {
    leads(first: $first, after: $after, companyContains: $companyContains, status: $status) {
      nodes {
        id
        companyName
        contactFirstName
        contactLastName
        email
        source
        estimatedValue
        status
        owner
        disqualificationReason
        accountId
        createdAt
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export const leadsQueryOptions = (variables: LeadsQueryVariables) =>
  queryOptions({
    queryKey: ['identity', 'leads', variables],
    queryFn: () => execute(LeadsQuery, variables),
    placeholderData: keepPreviousData,
  });

export const useLeads = (variables: LeadsQueryVariables) => useQuery(leadsQueryOptions(variables));
