// Placing, confirming, cancelling and shipping sales orders; each refreshes the order
// and the lists.

import { graphql } from '@/gql';
import type { PlaceSalesOrderInput, ShipSalesOrderInput } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

import { salesOrderKey } from './get-sales-order';
import { salesOrdersKey } from './get-sales-orders';
import { useOrderMutation } from './trade-mutation';

export const PlaceSalesOrderMutation = graphql(`
  mutation PlaceSalesOrder($input: PlaceSalesOrderInput!) {
    placeSalesOrder(input: $input) {
      id
      number
    }
  }
`);

export const ConfirmSalesOrderMutation = graphql(`
  mutation ConfirmSalesOrder($id: ID!) {
    confirmSalesOrder(id: $id) {
      id
    }
  }
`);

export const CancelSalesOrderMutation = graphql(`
  mutation CancelSalesOrder($id: ID!, $reason: String!) {
    cancelSalesOrder(id: $id, reason: $reason) {
      id
    }
  }
`);

export const ShipSalesOrderMutation = graphql(`
  mutation ShipSalesOrder($input: ShipSalesOrderInput!) {
    shipSalesOrder(input: $input) {
      shipmentId
    }
  }
`);

export const usePlaceSalesOrder = () =>
  useOrderMutation(salesOrdersKey, null, (input: PlaceSalesOrderInput) => execute(PlaceSalesOrderMutation, { input }));

export const useConfirmSalesOrder = (id: string) =>
  useOrderMutation(salesOrdersKey, salesOrderKey(id), () => execute(ConfirmSalesOrderMutation, { id }));

export const useCancelSalesOrder = (id: string) =>
  useOrderMutation(salesOrdersKey, salesOrderKey(id), (reason: string) => execute(CancelSalesOrderMutation, { id, reason }));

export const useShipSalesOrder = (id: string) =>
  useOrderMutation(salesOrdersKey, salesOrderKey(id), (input: Omit<ShipSalesOrderInput, 'salesOrderId'>) =>
    execute(ShipSalesOrderMutation, { input: { ...input, salesOrderId: id } }),
  );
