import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

export const BalanceSheetQuery = graphql(`
  query BalanceSheet($asAt: NaiveDate!) {
    balanceSheet(asAt: $asAt) {
      asAt
      financialYear
      financialYearStart
      assets {
        code
        name
        amount
      }
      totalAssets
      liabilities {
        code
        name
        amount
      }
      totalLiabilities
      equity {
        code
        name
        amount
      }
      retainedProfitEarlierYears
      currentYearProfit
      totalEquity
      totalLiabilitiesAndEquity
      difference
      balances
    }
  }
`);

export const balanceSheetQueryOptions = (asAt: string) =>
  queryOptions({ queryKey: ['finance', 'balance-sheet', asAt], queryFn: () => execute(BalanceSheetQuery, { asAt }) });

export const useBalanceSheet = (asAt: string) => useQuery(balanceSheetQueryOptions(asAt));
