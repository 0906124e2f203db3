import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

export const IncomeStatementQuery = graphql(`
  query IncomeStatement($from: NaiveDate!, $to: NaiveDate!) {
    incomeStatement(from: $from, to: $to) {
      from
      to
      income {
        code
        name
        amount
      }
      totalIncome
      costOfSales {
        code
        name
        amount
      }
      totalCostOfSales
      grossProfit
      expenses {
        code
        name
        amount
      }
      totalExpenses
      netProfit
    }
  }
`);

export const incomeStatementQueryOptions = (from: string, to: string) =>
  queryOptions({
    queryKey: ['finance', 'income-statement', from, to],
    queryFn: () => execute(IncomeStatementQuery, { from, to }),
  });

export const useIncomeStatement = (from: string, to: string) => useQuery(incomeStatementQueryOptions(from, to));
