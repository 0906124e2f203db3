import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { AccountsQueryVariables } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

export const AccountsQuery = graphql(`
  query Accounts($first: Int!, $after: String, $nameContains: String, $kind: AccountKind, $status: AccountStatus) {
    accounts(first: $first, after: $after, nameContains: $nameContains, kind: $kind, status: $status) {
      nodes {
        id
        kind
        name
        tradingName
        vatNumber
        status
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export const accountsQueryOptions = (variables: AccountsQueryVariables) =>
  queryOptions({
    queryKey: ['identity', 'accounts', variables],
    queryFn: () => execute(AccountsQuery, variables),
    placeholderData: keepPreviousData,
  });

export const useAccounts = (variables: AccountsQueryVariables) => useQuery(accountsQueryOptions(variables));
