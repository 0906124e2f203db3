import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

/** Who a payment can be from or to, and the open documents it can settle. */
export const PaymentOptionsQuery = graphql(`
  query PaymentOptions {
    accounts(first: 100, status: ACTIVE) {
      nodes {
        id
        name
        kind
      }
    }
    invoices {
      id
      number
      recipient {
        accountId
      }
      amountOpen
    }
    bills {
      id
      supplierReference
      supplier {
        accountId
      }
      amountOpen
    }
  }
`);

export const paymentOptionsQueryOptions = () =>
  queryOptions({ queryKey: ['finance', 'payments', 'options'], queryFn: () => execute(PaymentOptionsQuery) });

export const usePaymentOptions = (enabled: boolean) => useQuery({ ...paymentOptionsQueryOptions(), enabled });
