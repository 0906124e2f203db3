// Keeping the catalogue: define a product, revise its entry (the SKU stays), discontinue
// it with a reason. Each command is answered before the catalogue's read model has it, so
// the product is read again until it shows the change (there; revised — a later
// `updatedAt`; discontinued), then every product list is read again (`lib/poll.ts`) —
// the quote builder's picker too.

import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { ProductInput } from '@/gql/graphql';
import { execute } from '@/lib/graphql';
import { pollUntil } from '@/lib/poll';

import { productQueryOptions, productsKey } from './get-products';

export const DefineProductMutation = graphql(`
  mutation DefineProduct($input: ProductInput!) {
    defineProduct(input: $input) {
      code
      correlationId
    }
  }
`);

export const ReviseProductMutation = graphql(`
  mutation ReviseProduct($input: ProductInput!) {
    reviseProduct(input: $input) {
      code
      correlationId
    }
  }
`);

export const DiscontinueProductMutation = graphql(`
  mutation DiscontinueProduct($sku: String!, $reason: String!) {
    discontinueProduct(sku: $sku, reason: $reason) {
      code
      correlationId
    }
  }
`);

export type ProductValues = ProductInput;

function useCatalogueCommand<TVariables>(
  run: (variables: TVariables) => Promise<unknown>,
  sku: (variables: TVariables) => string,
  settled: (product: { discontinued: boolean; updatedAt: string } | null, variables: TVariables) => boolean,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (_data, variables) =>
      pollUntil(queryClient, () => queryClient.fetchQuery({ ...productQueryOptions(sku(variables)), staleTime: 0 }), (d) => settled(d.product, variables), [productsKey]),
  });
}

export const useDefineProduct = () =>
  useCatalogueCommand(
    (input: ProductValues) => execute(DefineProductMutation, { input }),
    (input) => input.sku,
    (product) => product !== null,
  );

/** Revises a product whose entry was last changed at `updatedAt`. */
export const useReviseProduct = () =>
  useCatalogueCommand(
    (v: { input: ProductValues; updatedAt: string }) => execute(ReviseProductMutation, { input: v.input }),
    (v) => v.input.sku,
    (product, v) => product !== null && product.updatedAt !== v.updatedAt,
  );

export const useDiscontinueProduct = () =>
  useCatalogueCommand(
    (v: { sku: string; reason: string }) => execute(DiscontinueProductMutation, v),
    (v) => v.sku,
    (product) => product?.discontinued === true,
  );
