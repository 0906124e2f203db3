import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

export const StockLocationsQuery = graphql(`
  query StockLocations {
    stockLocations {
      code
      name
      kind
      closed
    }
  }
`);

export const stockLocationsQueryOptions = () => queryOptions({ queryKey: ['inventory', 'stock-locations'], queryFn: () => execute(StockLocationsQuery) });

/** The warehouses and site stores, closed ones too. */
export const useStockLocations = () => useQuery(stockLocationsQueryOptions());
