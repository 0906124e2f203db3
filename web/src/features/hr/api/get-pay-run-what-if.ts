import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { PayRunWhatIfQuery as WhatIfAnswer, PayRunWhatIfQueryVariables } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

/**
 * A calculated or approved run recalculated under `taxYear`'s table with corrected
 * facts, per employee beside the run's own figures. Writes nothing.
 */
export const PayRunWhatIfQuery = graphql(`
  query PayRunWhatIf($id: ID!, $taxYear: Int!, $corrections: [WhatIfCorrection!]!) {
    payRunWhatIf(id: $id, taxYear: $taxYear, corrections: $corrections) {
      employeeId
      name
      approved {
        taxYear
        age
        medicalMembers
        gross
        paye
        net
      }
      recalculated {
        taxYear
        age
        medicalMembers
        gross
        paye
        net
      }
      payeDifference
      netDifference
    }
  }
`);

export type WhatIfLine = WhatIfAnswer['payRunWhatIf'][number];

export const payRunWhatIfQueryOptions = (variables: PayRunWhatIfQueryVariables) =>
  queryOptions({
    queryKey: ['hr', 'pay-run-what-if', variables],
    queryFn: () => execute(PayRunWhatIfQuery, variables),
    staleTime: 0,
  });

/** The what-if for `variables`; nothing is asked while they are `null`. */
export const usePayRunWhatIf = (variables: PayRunWhatIfQueryVariables | null) =>
  useQuery({ ...payRunWhatIfQueryOptions(variables ?? { id: '', taxYear: 0, corrections: [] }), enabled: variables !== null });
