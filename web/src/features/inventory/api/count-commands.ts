// The count commands — open a sheet, record what was counted of a product, post it — and
// what follows each: the sheet is read again until it shows the change (the counted
// figure recorded, the sheet posted), then the sheet, the list and (after posting) the
// stock levels are read again (`lib/poll.ts`).

import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';
import { pollUntil } from '@/lib/poll';
import { compareDecimal, parseDecimal } from '@/lib/money';

import { stockCountKey, stockCountQueryOptions, stockCountsKey } from './get-stock-counts';
import { stockLevelsKey } from './get-stock-levels';

export const OpenStockCountMutation = graphql(`
  mutation OpenStockCount($location: String!, $reference: String!) {
    openStockCount(location: $location, reference: $reference) {
      id
      correlationId
    }
  }
`);

export const RecordStockCountMutation = graphql(`
  mutation RecordStockCount($countId: ID!, $product: String!, $counted: Decimal!) {
    recordStockCount(countId: $countId, product: $product, counted: $counted) {
      id
      correlationId
    }
  }
`);

export const PostStockCountMutation = graphql(`
  mutation PostStockCount($countId: ID!) {
    postStockCount(countId: $countId) {
      id
      correlationId
    }
  }
`);

export interface OpenCountValues {
  location: string;
  reference: string;
}

export interface RecordCountValues {
  countId: string;
  product: string;
  counted: string;
}

const same = (a: string, b: string) => {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  return x !== null && y !== null && compareDecimal(x, y) === 0;
};

/** Opens a sheet; its page waits for it to be readable. */
export function useOpenStockCount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: OpenCountValues) => execute(OpenStockCountMutation, v),
    onSuccess: ({ openStockCount }) =>
      pollUntil(queryClient, () => queryClient.fetchQuery({ ...stockCountQueryOptions(openStockCount.id), staleTime: 0 }), (d) => d.stockCount !== null, [stockCountsKey]),
  });
}

export function useRecordStockCount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: RecordCountValues) => execute(RecordStockCountMutation, v),
    onSuccess: (_data, v) =>
      pollUntil(
        queryClient,
        () => queryClient.fetchQuery({ ...stockCountQueryOptions(v.countId), staleTime: 0 }),
        (d) => d.stockCount?.lines.some((l) => l.product === v.product && same(l.counted, v.counted)) ?? false,
        [stockCountKey(v.countId)],
      ),
  });
}

export function usePostStockCount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (countId: string) => execute(PostStockCountMutation, { countId }),
    onSuccess: (_data, countId) =>
      pollUntil(
        queryClient,
        () => queryClient.fetchQuery({ ...stockCountQueryOptions(countId), staleTime: 0 }),
        (d) => d.stockCount?.status === 'POSTED',
        [stockCountKey(countId), stockCountsKey, stockLevelsKey],
      ),
  });
}
