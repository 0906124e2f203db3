import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

/** The customers and projects an invoice can name. */
export const InvoiceOptionsQuery = graphql(`
  query InvoiceOptions {
    accounts(first: 100, kind: CUSTOMER, status: ACTIVE) {
      nodes {
        id
        name
        vatNumber
      }
    }
    projects {
      id
      code
      name
    }
  }
`);

export const invoiceOptionsQueryOptions = () =>
  queryOptions({ queryKey: ['finance', 'invoice-options'], queryFn: () => execute(InvoiceOptionsQuery) });

export const useInvoiceOptions = () => useQuery(invoiceOptionsQueryOptions());
