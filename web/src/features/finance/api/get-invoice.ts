import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

export const InvoiceQuery = graphql(`
  query Invoice($id: ID!) {
    invoice(id: $id) {
      id
      title
      number
      status
      date
      supplier {
        name
        address
        vatNumber
      }
      recipient {
        accountId
        name
        address
        vatNumber
      }
      lines {
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
      retentionPercent
      retention
      amountDue
      amountOpen
      retentionHeld
      journalId
      raisedAt
      raisedBy
      issuedAt
    }
  }
`);

export const invoiceQueryOptions = (id: string) =>
  queryOptions({ queryKey: ['finance', 'invoices', id], queryFn: () => execute(InvoiceQuery, { id }) });

export const useInvoice = (id: string) => useQuery(invoiceQueryOptions(id));
