import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { SalesOrderStatus } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

export const SalesOrdersQuery = graphql(`
  query SalesOrders($projectId: ID, $status: SalesOrderStatus) {
    salesOrders(projectId: $projectId, status: $status) {
      id
      number
      customerAccountId
      projectId
      date
      status
      totalExclVat
      shipments {
        id
      }
    }
  }
`);

export const salesOrdersKey = ['orders', 'sales-orders'] as const;

export interface SalesOrderFilter {
  projectId: string | null;
  status: SalesOrderStatus | null;
}

export const salesOrdersQueryOptions = (filter: SalesOrderFilter) =>
  queryOptions({ queryKey: [...salesOrdersKey, filter], queryFn: () => execute(SalesOrdersQuery, filter) });

export const useSalesOrders = (filter: SalesOrderFilter) => useQuery(salesOrdersQueryOptions(filter));
