import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

export const InvoicesQuery = graphql(`
  query Invoices {
    invoices {
      id
      number
      status
      date
      recipient {
        name
      }
      totalExclVat
      vat
      total
      retention
      amountDue
      amountOpen
    }
  }
`);

export const invoicesQueryOptions = () =>
  queryOptions({ queryKey: ['finance', 'invoices'], queryFn: () => execute(InvoicesQuery) });

export const useInvoices = () => useQuery(invoicesQueryOptions());
