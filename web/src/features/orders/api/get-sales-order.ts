import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { SalesOrderQuery as SalesOrderAnswer } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

/** One sales order: lines with ordered, shipped and open quantities, and its shipments. */
export const SalesOrderQuery = graphql(`
  query SalesOrder($id: ID!) {
    salesOrder(id: $id) {
      id
      number
      customerAccountId
      projectId
      date
      status
      retentionPercent
      totalExclVat
      cancelReason
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
      shipments {
        id
        number
        date
        invoiceId
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

export type SalesOrderDetail = NonNullable<SalesOrderAnswer['salesOrder']>;

export const salesOrderKey = (id: string) => ['orders', 'sales-order', id] as const;

/** Asked again every 750 ms while the order is not there yet (placed a moment ago). */
export const salesOrderQueryOptions = (id: string) =>
  queryOptions({
    queryKey: salesOrderKey(id),
    queryFn: () => execute(SalesOrderQuery, { id }),
    refetchInterval: (query) => (query.state.data && query.state.data.salesOrder === null && query.state.dataUpdateCount < 60 ? 750 : false),
  });

export const useSalesOrder = (id: string) => useQuery(salesOrderQueryOptions(id));
