import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

export const BankReconciliationQuery = graphql(`
  query BankReconciliation($asAt: NaiveDate!) {
    bankReconciliation(asAt: $asAt) {
      asAt
      statementTotal
      ledgerBalance
      difference
      unreconciledLines {
        id
        date
        description
        reference
        amount
        fileName
      }
      unreconciledPayments {
        id
        direction
        counterpartyName
        date
        amount
        reference
      }
    }
    bankLines {
      id
      date
      description
      reference
      amount
      paymentId
      method
      reconciledAt
    }
  }
`);

export const bankReconciliationQueryOptions = (asAt: string) =>
  queryOptions({ queryKey: ['finance', 'bank', asAt], queryFn: () => execute(BankReconciliationQuery, { asAt }) });

export const useBankReconciliation = (asAt: string) => useQuery(bankReconciliationQueryOptions(asAt));
