import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { CatalogueProductsQuery as CatalogueProductsResult } from '@/gql/graphql';
import { execute } from '@/lib/graphql';
import { usePermissions } from '@/lib/permissions/authorization';

/** The product catalogue by SKU (at most 500): everything a catalogue entry says. */
export const CatalogueProductsQuery = graphql(`
  query CatalogueProducts($search: String, $includeDiscontinued: Boolean!) {
    products(search: $search, includeDiscontinued: $includeDiscontinued) {
      sku
      description
      category
      unit
      conversions {
        unit
        factor
      }
      standardCost
      sellPrice
      vat
      reorderLevel
      reorderQuantity
      preferredVendorId
      discontinued
      updatedAt
    }
  }
`);

/** One product by SKU, as the catalogue's read model has it now (null: not there). */
export const CatalogueProductQuery = graphql(`
  query CatalogueProduct($sku: String!) {
    product(sku: $sku) {
      sku
      discontinued
      updatedAt
    }
  }
`);

/** The vendor accounts a product may be bought from, to name a preferred vendor. */
export const CatalogueVendorsQuery = graphql(`
  query CatalogueVendors {
    accounts(first: 100, kind: VENDOR) {
      nodes {
        id
        name
        status
      }
    }
  }
`);

export type ProductRow = CatalogueProductsResult['products'][number];

export const productsKey = ['inventory', 'products'] as const;

export interface ProductFilter {
  /** SKU or description containing this (any case); blank: every product. */
  search: string;
  includeDiscontinued: boolean;
}

export const productsQueryOptions = ({ search, includeDiscontinued }: ProductFilter) => {
  const variables = { search: search.trim() || null, includeDiscontinued };
  return queryOptions({
    queryKey: [...productsKey, 'catalogue', variables],
    queryFn: () => execute(CatalogueProductsQuery, variables),
    placeholderData: keepPreviousData,
  });
};

export const productQueryOptions = (sku: string) =>
  queryOptions({ queryKey: [...productsKey, 'one', sku], queryFn: () => execute(CatalogueProductQuery, { sku }) });

export const useProducts = (filter: ProductFilter) => useQuery(productsQueryOptions(filter));

/** The vendors (id and name) for those who read accounts (`identity.read`); none for the others. */
export function useVendors() {
  const { can } = usePermissions();
  const vendors = useQuery({
    queryKey: ['inventory', 'vendors'],
    queryFn: () => execute(CatalogueVendorsQuery),
    enabled: can('identity.read'),
    staleTime: 60_000,
  });
  return vendors.data?.accounts.nodes ?? [];
}
