import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { StockCountQuery as StockCountResult, StockCountsQuery as StockCountsResult } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

export const StockCountsQuery = graphql(`
  query StockCounts($location: String) {
    stockCounts(location: $location) {
      id
      location
      reference
      status
      openedAt
      postedAt
    }
  }
`);

export const StockCountQuery = graphql(`
  query StockCount($id: ID!) {
    stockCount(id: $id) {
      id
      location
      reference
      status
      openedAt
      postedAt
      lines {
        product
        counted
        book
        variance
      }
    }
  }
`);

export type StockCountListRow = StockCountsResult['stockCounts'][number];
export type StockCountSheet = NonNullable<StockCountResult['stockCount']>;
export type StockCountLine = StockCountSheet['lines'][number];

export const stockCountsKey = ['inventory', 'stock-counts'] as const;
export const stockCountKey = (id: string) => ['inventory', 'stock-count', id] as const;

export const stockCountsQueryOptions = (location: string | null = null) =>
  queryOptions({ queryKey: [...stockCountsKey, { location }], queryFn: () => execute(StockCountsQuery, { location }) });

export const stockCountQueryOptions = (id: string) => queryOptions({ queryKey: stockCountKey(id), queryFn: () => execute(StockCountQuery, { id }) });

/** Count sheets, latest first (at most 200), optionally of one location. */
export const useStockCounts = (location: string | null = null) => useQuery(stockCountsQueryOptions(location));

/**
 * One count sheet with its lines. A sheet just opened is not readable at once: while it
 * answers "none" it is asked again every 750 ms (for 45 s).
 */
export const useStockCount = (id: string) =>
  useQuery({
    ...stockCountQueryOptions(id),
    refetchInterval: (query) => (query.state.data?.stockCount === null && query.state.dataUpdateCount < 60 ? 750 : false),
  });
