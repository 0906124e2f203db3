import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

export const BillsQuery = graphql(`
  query Bills {
    bills {
      id
      supplier {
        name
      }
      supplierReference
      date
      totalExclVat
      vat
      total
      retention
      amountDue
      amountOpen
      purchaseOrderId
      blockedForPayment
      matchApproval {
        at
      }
    }
  }
`);

export const billsQueryOptions = () => queryOptions({ queryKey: ['finance', 'bills'], queryFn: () => execute(BillsQuery) });

export const useBills = () => useQuery(billsQueryOptions());
