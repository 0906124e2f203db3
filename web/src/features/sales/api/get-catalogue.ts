// What a quote is built from: the product catalogue (sell price and VAT by SKU) and the
// stock locations lines are supplied from. Both need `inventory.catalogue.read`.

import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

export const QuoteProductsQuery = graphql(`
  query QuoteProducts($search: String) {
    products(search: $search) {
      sku
      description
      unit
      sellPrice
      vat
    }
  }
`);

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

/** The catalogue (at most 500 products, not discontinued), searched in the picker. */
export const productsQueryOptions = (enabled: boolean) =>
  queryOptions({
    queryKey: ['inventory', 'products', 'for-quotes'],
    queryFn: () => execute(QuoteProductsQuery, { search: null }),
    staleTime: 60_000,
    enabled,
  });

export const stockLocationsQueryOptions = (enabled: boolean) =>
  queryOptions({
    queryKey: ['inventory', 'stock-locations'],
    queryFn: () => execute(StockLocationsQuery),
    staleTime: 60_000,
    enabled,
  });

export const useQuoteProducts = (enabled: boolean) => useQuery(productsQueryOptions(enabled));
export const useStockLocations = (enabled: boolean) => useQuery(stockLocationsQueryOptions(enabled));
