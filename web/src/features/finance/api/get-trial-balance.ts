import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

export const TrialBalanceQuery = graphql(`
  query TrialBalance($asAt: NaiveDate!) {
    trialBalance(asAt: $asAt) {
      asAt
      lines {
        code
        name
        accountType
        debit
        credit
      }
      totalDebit
      totalCredit
    }
  }
`);

export const trialBalanceQueryOptions = (asAt: string) =>
  queryOptions({ queryKey: ['finance', 'trial-balance', asAt], queryFn: () => execute(TrialBalanceQuery, { asAt }) });

export const useTrialBalance = (asAt: string) => useQuery(trialBalanceQueryOptions(asAt));
