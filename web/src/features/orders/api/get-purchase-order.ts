import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { PurchaseOrderQuery as PurchaseOrderAnswer } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

/** One purchase order: lines with ordered, received and open quantities, its GRNs, committed. */
export const PurchaseOrderQuery = graphql(`
  query PurchaseOrder($id: ID!) {
    purchaseOrder(id: $id) {
      id
      number
      vendorAccountId
      projectId
      costCode
      date
      status
      totalExclVat
      committed
      approvedBy
      approverRole
      reason
      lines {
        lineNo
        sku
        description
        quantity
        unitPrice
        vatTreatment
        delivered
        open
      }
      goodsReceipts {
        id
        number
        date
        lines {
          lineNo
          quantity
        }
      }
      createdAt
      updatedAt
    }
  }
`);

export type PurchaseOrderDetail = NonNullable<PurchaseOrderAnswer['purchaseOrder']>;

export const purchaseOrderKey = (id: string) => ['orders', 'purchase-order', id] as const;

/** Asked again every 750 ms while the order is not there yet (raised a moment ago). */
export const purchaseOrderQueryOptions = (id: string) =>
  queryOptions({
    queryKey: purchaseOrderKey(id),
    queryFn: () => execute(PurchaseOrderQuery, { id }),
    refetchInterval: (query) => (query.state.data && query.state.data.purchaseOrder === null && query.state.dataUpdateCount < 60 ? 750 : false),
  });

export const usePurchaseOrder = (id: string) => useQuery(purchaseOrderQueryOptions(id));
