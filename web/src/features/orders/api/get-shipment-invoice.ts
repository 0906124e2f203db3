import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

/** The tax invoice finance raised for a shipment (null until it has). */
export const ShipmentInvoiceQuery = graphql(`
  query ShipmentInvoice($id: ID!) {
    invoice(id: $id) {
      id
      number
      status
      amountDue
    }
  }
`);

/** Asked again every 1.5 s, for a minute and a half, while finance has not issued it yet. */
export const shipmentInvoiceQueryOptions = (invoiceId: string) =>
  queryOptions({
    queryKey: ['orders', 'shipment-invoice', invoiceId],
    queryFn: () => execute(ShipmentInvoiceQuery, { id: invoiceId }),
    refetchInterval: (query) => (query.state.data?.invoice?.number || query.state.dataUpdateCount > 60 ? false : 1500),
  });

export const useShipmentInvoice = (invoiceId: string) => useQuery(shipmentInvoiceQueryOptions(invoiceId));
