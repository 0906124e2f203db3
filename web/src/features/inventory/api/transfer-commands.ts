// Sending goods between locations and receiving them: the transfers are read again until
// the transfer shows (dispatched, or received), then the transfers and the stock levels
// are read again (`lib/poll.ts`).

import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { TransferStockInput } from '@/gql/graphql';
import { execute } from '@/lib/graphql';
import { pollUntil } from '@/lib/poll';

import { stockLevelsKey } from './get-stock-levels';
import { stockTransfersKey, stockTransfersQueryOptions } from './get-stock-transfers';

export const TransferStockMutation = graphql(`
  mutation TransferStock($input: TransferStockInput!) {
    transferStock(input: $input) {
      id
      correlationId
    }
  }
`);

export const ReceiveTransferMutation = graphql(`
  mutation ReceiveTransfer($transferId: ID!) {
    receiveTransfer(transferId: $transferId) {
      id
      correlationId
    }
  }
`);

export type TransferStockValues = TransferStockInput;

const KEYS = [stockTransfersKey, stockLevelsKey];

export function useTransferStock() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TransferStockValues) => execute(TransferStockMutation, { input }),
    onSuccess: ({ transferStock }) =>
      pollUntil(queryClient, () => queryClient.fetchQuery({ ...stockTransfersQueryOptions(false), staleTime: 0 }), (d) => d.stockTransfers.some((t) => t.id === transferStock.id), KEYS),
  });
}

export function useReceiveTransfer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (transferId: string) => execute(ReceiveTransferMutation, { transferId }),
    onSuccess: (_data, transferId) =>
      pollUntil(
        queryClient,
        () => queryClient.fetchQuery({ ...stockTransfersQueryOptions(false), staleTime: 0 }),
        (d) => d.stockTransfers.some((t) => t.id === transferId && t.receivedAt),
        KEYS,
      ),
  });
}
