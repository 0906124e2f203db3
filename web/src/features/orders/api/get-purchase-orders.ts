import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { PurchaseOrderStatus } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

export const PurchaseOrdersQuery = graphql(`
  query PurchaseOrders($projectId: ID, $status: PurchaseOrderStatus) {
    purchaseOrders(projectId: $projectId, status: $status) {
      id
      number
      vendorAccountId
      projectId
      costCode
      date
      status
      totalExclVat
      committed
      goodsReceipts {
        id
      }
    }
  }
`);

export const purchaseOrdersKey = ['orders', 'purchase-orders'] as const;

export interface PurchaseOrderFilter {
  projectId: string | null;
  status: PurchaseOrderStatus | null;
}

export const purchaseOrdersQueryOptions = (filter: PurchaseOrderFilter) =>
  queryOptions({ queryKey: [...purchaseOrdersKey, filter], queryFn: () => execute(PurchaseOrdersQuery, filter) });

export const usePurchaseOrders = (filter: PurchaseOrderFilter) => useQuery(purchaseOrdersQueryOptions(filter));
