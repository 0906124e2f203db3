import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

export const CreditNotesQuery = graphql(`
  query CreditNotes {
    creditNotes {
      id
      number
      invoiceId
      invoiceNumber
      date
      recipient {
        name
      }
      reason
      totalExclVat
      vat
      total
    }
  }
`);

export const creditNotesQueryOptions = () =>
  queryOptions({ queryKey: ['finance', 'credit-notes'], queryFn: () => execute(CreditNotesQuery) });

export const useCreditNotes = () => useQuery(creditNotesQueryOptions());
