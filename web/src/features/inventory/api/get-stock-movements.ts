import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { StockMovementsQuery as StockMovementsResult } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

export const StockMovementsQuery = graphql(`
  query StockMovements($product: String!, $location: String!) {
    stockMovements(product: $product, location: $location) {
      sequence
      kind
      quantity
      value
      projectId
      costCode
      reference
      occurredAt
    }
  }
`);

export type StockMovementRow = StockMovementsResult['stockMovements'][number];

export const stockMovementsKey = (product: string, location: string) => ['inventory', 'stock-movements', product, location] as const;

export const stockMovementsQueryOptions = (product: string, location: string) =>
  queryOptions({ queryKey: stockMovementsKey(product, location), queryFn: () => execute(StockMovementsQuery, { product, location }) });

/** The stock card of `product` at `location`: its latest 500 movements, oldest first. */
export const useStockMovements = (product: string, location: string) => useQuery(stockMovementsQueryOptions(product, location));
