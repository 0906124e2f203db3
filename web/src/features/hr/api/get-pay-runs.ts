import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { PayRunsQuery as PayRunsAnswer } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

/** Pay runs, latest pay date first, with their totals. */
export const PayRunsQuery = graphql(`
  query PayRuns {
    payRuns {
      ...PayRunFields
    }
  }
`);

export const PayRunFieldsFragment = graphql(`
  fragment PayRunFields on PayRun {
    id
    frequency
    periodStart
    periodEnd
    payDate
    status
    employees
    gross
    paye
    uifEmployee
    uifEmployer
    sdl
    net
    calculatedBy
    approvedBy
    paidOn
    reverseReason
    updatedAt
  }
`);

export type PayRunRow = PayRunsAnswer['payRuns'][number];

export const payRunsKey = ['hr', 'pay-runs'] as const;

export const payRunsQueryOptions = () => queryOptions({ queryKey: payRunsKey, queryFn: () => execute(PayRunsQuery) });

export const usePayRuns = () => useQuery(payRunsQueryOptions());
