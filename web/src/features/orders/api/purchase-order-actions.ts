// Raising, approving, rejecting, cancelling and closing purchase orders, and receiving
// goods against them; each refreshes the order and the lists.

import { graphql } from '@/gql';
import type { PurchaseOrderQuery, PurchaseOrderStatus, RaisePurchaseOrderInput, ReceiveGoodsInput } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

import { purchaseOrderKey } from './get-purchase-order';
import { purchaseOrdersKey } from './get-purchase-orders';
import { useOrderMutation } from './trade-mutation';

export const RaisePurchaseOrderMutation = graphql(`
  mutation RaisePurchaseOrder($input: RaisePurchaseOrderInput!) {
    raisePurchaseOrder(input: $input) {
      id
      number
    }
  }
`);

export const ApprovePurchaseOrderMutation = graphql(`
  mutation ApprovePurchaseOrder($id: ID!) {
    approvePurchaseOrder(id: $id) {
      id
    }
  }
`);

export const RejectPurchaseOrderMutation = graphql(`
  mutation RejectPurchaseOrder($id: ID!, $reason: String!) {
    rejectPurchaseOrder(id: $id, reason: $reason) {
      id
    }
  }
`);

export const CancelPurchaseOrderMutation = graphql(`
  mutation CancelPurchaseOrder($id: ID!, $reason: String!) {
    cancelPurchaseOrder(id: $id, reason: $reason) {
      id
    }
  }
`);

export const ClosePurchaseOrderMutation = graphql(`
  mutation ClosePurchaseOrder($id: ID!, $reason: String) {
    closePurchaseOrder(id: $id, reason: $reason) {
      id
    }
  }
`);

export const ReceiveGoodsMutation = graphql(`
  mutation ReceiveGoods($input: ReceiveGoodsInput!) {
    receiveGoods(input: $input) {
      id
      number
    }
  }
`);

/** Whether the order read back is in `status`: a status command's effect has arrived. */
const inStatus = (status: PurchaseOrderStatus) => (data: unknown) =>
  (data as PurchaseOrderQuery | undefined)?.purchaseOrder?.status === status;

export const useRaisePurchaseOrder = () =>
  useOrderMutation(purchaseOrdersKey, null, (input: RaisePurchaseOrderInput) => execute(RaisePurchaseOrderMutation, { input }));

export const useApprovePurchaseOrder = (id: string) =>
  useOrderMutation(purchaseOrdersKey, purchaseOrderKey(id), () => execute(ApprovePurchaseOrderMutation, { id }), inStatus('APPROVED'));

export const useRejectPurchaseOrder = (id: string) =>
  useOrderMutation(purchaseOrdersKey, purchaseOrderKey(id), (reason: string) => execute(RejectPurchaseOrderMutation, { id, reason }), inStatus('REJECTED'));

export const useCancelPurchaseOrder = (id: string) =>
  useOrderMutation(purchaseOrdersKey, purchaseOrderKey(id), (reason: string) => execute(CancelPurchaseOrderMutation, { id, reason }), inStatus('CANCELLED'));

export const useClosePurchaseOrder = (id: string) =>
  useOrderMutation(
    purchaseOrdersKey,
    purchaseOrderKey(id),
    (reason: string) => execute(ClosePurchaseOrderMutation, { id, reason: reason || null }),
    inStatus('CLOSED'),
  );

export const useReceiveGoods = (id: string) =>
  useOrderMutation(purchaseOrdersKey, purchaseOrderKey(id), (input: Omit<ReceiveGoodsInput, 'purchaseOrderId'>) =>
    execute(ReceiveGoodsMutation, { input: { ...input, purchaseOrderId: id } }),
  );
