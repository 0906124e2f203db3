import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

/** What needs a finance person's attention: overdue debtors, the bank, open invoices. */
export const FinanceSummaryQuery = graphql(`
  query FinanceSummary($asAt: NaiveDate!) {
    agedDebtors(asAt: $asAt) {
      totals {
        current
        days30
        days60
        days90
        days120Plus
        total
      }
    }
    bankReconciliation(asAt: $asAt) {
      ledgerBalance
      statementTotal
      unreconciledLines {
        id
      }
    }
    invoices {
      id
      number
      date
      recipient {
        name
      }
      amountOpen
    }
  }
`);

export const financeSummaryQueryOptions = (asAt: string) =>
  queryOptions({ queryKey: ['dashboard', 'finance', asAt], queryFn: () => execute(FinanceSummaryQuery, { asAt }) });

export const useFinanceSummary = (asAt: string) => useQuery(financeSummaryQueryOptions(asAt));
