import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { StockLevelsQuery as StockLevelsResult } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

export const StockLevelsQuery = graphql(`
  query StockLevels($location: String, $product: String) {
    stockLevels(location: $location, product: $product) {
      id
      product
      description
      unit
      location
      onHand
      reserved
      available
      value
      averageCost
      reorderLevel
      low
      updatedAt
    }
  }
`);

export type StockLevelRow = StockLevelsResult['stockLevels'][number];

export const stockLevelsKey = ['inventory', 'stock-levels'] as const;

/** Every position (`{}`), or those of one location and/or one product (exact codes). */
export interface StockLevelFilter {
  location?: string | null;
  product?: string | null;
}

export const stockLevelsQueryOptions = (filter: StockLevelFilter = {}) => {
  const variables = { location: filter.location ?? null, product: filter.product ?? null };
  return queryOptions({ queryKey: [...stockLevelsKey, variables], queryFn: () => execute(StockLevelsQuery, variables) });
};

export const useStockLevels = (filter: StockLevelFilter = {}) => useQuery(stockLevelsQueryOptions(filter));
