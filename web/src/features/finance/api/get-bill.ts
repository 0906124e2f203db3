import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { BillQuery as BillAnswer } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

/** One supplier bill with its lines and its three-way match against order and receipts. */
export const BillQuery = graphql(`
  query Bill($id: ID!) {
    bill(id: $id) {
      id
      supplier {
        name
        vatNumber
      }
      supplierReference
      date
      lines {
        accountCode
        description
        quantity
        unitPrice
        vatTreatment
        valueExclVat
        vat
        total
        projectId
        costCode
      }
      totalExclVat
      vat
      total
      retention
      vatNow
      amountDue
      amountOpen
      purchaseOrderId
      matching {
        line
        purchaseOrderLineNo
        ordered
        received
        billed
        orderPrice
        billedPrice
        priceVariancePercent
        status
        reason
      }
      blockedForPayment
      matchApproval {
        reason
        by
        at
      }
      recordedAt
      recordedBy
    }
  }
`);

export type BillDetail = NonNullable<BillAnswer['bill']>;

export const billKey = (id: string) => ['finance', 'bill', id] as const;

export const billQueryOptions = (id: string) => queryOptions({ queryKey: billKey(id), queryFn: () => execute(BillQuery, { id }) });

export const useBill = (id: string) => useQuery(billQueryOptions(id));
