import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { StockTransfersQuery as StockTransfersResult } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

export const StockTransfersQuery = graphql(`
  query StockTransfers($inTransitOnly: Boolean!) {
    stockTransfers(inTransitOnly: $inTransitOnly) {
      id
      product
      fromLocation
      toLocation
      quantity
      value
      reference
      dispatchedAt
      receivedAt
    }
  }
`);

export type StockTransferRow = StockTransfersResult['stockTransfers'][number];

export const stockTransfersKey = ['inventory', 'stock-transfers'] as const;

export const stockTransfersQueryOptions = (inTransitOnly = false) =>
  queryOptions({ queryKey: [...stockTransfersKey, { inTransitOnly }], queryFn: () => execute(StockTransfersQuery, { inTransitOnly }) });

/** Transfers, latest first (at most 500); only those in transit when asked. */
export const useStockTransfers = (inTransitOnly = false) => useQuery(stockTransfersQueryOptions(inTransitOnly));
