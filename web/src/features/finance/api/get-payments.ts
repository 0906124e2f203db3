import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

export const PaymentsQuery = graphql(`
  query Payments {
    payments {
      id
      direction
      counterpartyName
      date
      amount
      reference
      unallocated
      allocations {
        documentId
        documentNumber
        amount
        date
      }
    }
  }
`);

export const paymentsQueryOptions = () =>
  queryOptions({ queryKey: ['finance', 'payments'], queryFn: () => execute(PaymentsQuery) });

export const usePayments = () => useQuery(paymentsQueryOptions());
