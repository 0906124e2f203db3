import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { CoidaEstimateQuery as CoidaEstimateAnswer, CoidaEstimateQueryVariables } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

/**
 * What the Compensation Fund will assess for assessment year `year` (1 March to the end
 * of February, named by the February): the approved and paid runs' earnings, each
 * employee's up to the year's maximum, at the employer's tariff (rand per R100), never
 * below the minimum assessment.
 */
export const CoidaEstimateQuery = graphql(`
  query CoidaEstimate($year: Int!, $tariffPerHundred: Decimal!) {
    coidaEstimate(year: $year, tariffPerHundred: $tariffPerHundred) {
      assessmentYear
      startsOn
      endsOn
      source
      tariffPerHundred
      maximumEarnings
      minimumAssessment
      lines {
        employeeId
        name
        earnings
        assessable
      }
      earnings
      assessableEarnings
      atTariff
      assessment
      minimumApplied
    }
  }
`);

export type CoidaEstimate = CoidaEstimateAnswer['coidaEstimate'];
export type CoidaLine = CoidaEstimate['lines'][number];

export const coidaEstimateKey = ['hr', 'coida-estimate'] as const;

export const coidaEstimateQueryOptions = (variables: CoidaEstimateQueryVariables) =>
  queryOptions({ queryKey: [...coidaEstimateKey, variables], queryFn: () => execute(CoidaEstimateQuery, variables) });

/** The estimate for `variables`; nothing is asked while they are `null`. */
export const useCoidaEstimate = (variables: CoidaEstimateQueryVariables | null) =>
  useQuery({ ...coidaEstimateQueryOptions(variables ?? { year: 0, tariffPerHundred: '0' }), enabled: variables !== null });
