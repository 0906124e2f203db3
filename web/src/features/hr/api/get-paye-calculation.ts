import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { PayeCalculationQueryVariables } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

export const PayeCalculationQuery = graphql(`
  query PayeCalculation($payDate: NaiveDate!, $monthlyRemuneration: Rand!, $age: Int!, $medicalMembers: Int!) {
    payeCalculation(payDate: $payDate, monthlyRemuneration: $monthlyRemuneration, age: $age, medicalMembers: $medicalMembers) {
      taxYear
      tableSource
      annualEquivalent
      annualTax
      medicalCredits
      paye
      uifEmployee
      uifEmployer
      sdl
    }
  }
`);

export const payeCalculationQueryOptions = (variables: PayeCalculationQueryVariables) =>
  queryOptions({
    queryKey: ['hr', 'paye-calculation', variables],
    queryFn: () => execute(PayeCalculationQuery, variables),
    // The same question always has the same answer (until a table is loaded).
    staleTime: Infinity,
  });

/** The calculation for `variables`; nothing is asked while they are `null`. */
export const usePayeCalculation = (variables: PayeCalculationQueryVariables | null) =>
  useQuery({
    ...payeCalculationQueryOptions(variables ?? { payDate: '', monthlyRemuneration: '0', age: 0, medicalMembers: 0 }),
    enabled: variables !== null,
  });
