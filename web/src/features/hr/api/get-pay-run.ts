import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

/** One pay run. */
export const PayRunQuery = graphql(`
  query PayRun($id: ID!) {
    payRun(id: $id) {
      ...PayRunFields
    }
  }
`);

export const payRunKey = (id: string) => ['hr', 'pay-run', id] as const;

export const payRunQueryOptions = (id: string) => queryOptions({ queryKey: payRunKey(id), queryFn: () => execute(PayRunQuery, { id }), enabled: id !== '' });

/**
 * One pay run. One just opened may not be readable at once: while it answers "none"
 * it is asked again every 750 ms (60 times at most).
 */
export const usePayRun = (id: string) =>
  useQuery({
    ...payRunQueryOptions(id),
    refetchInterval: (query) => (query.state.data?.payRun === null && query.state.dataUpdateCount < 60 ? 750 : false),
  });
