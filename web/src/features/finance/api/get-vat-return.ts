import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

export const VatReturnQuery = graphql(`
  query VatReturn($from: NaiveDate!, $to: NaiveDate!) {
    vatReturn(from: $from, to: $to) {
      from
      to
      outputVat
      inputVat
      netPayable
      refundDue
      supplies {
        treatment
        valueExclVat
        vat
      }
    }
  }
`);

export const vatReturnQueryOptions = (from: string, to: string) =>
  queryOptions({ queryKey: ['finance', 'vat-return', from, to], queryFn: () => execute(VatReturnQuery, { from, to }) });

export const useVatReturn = (from: string, to: string) => useQuery(vatReturnQueryOptions(from, to));
