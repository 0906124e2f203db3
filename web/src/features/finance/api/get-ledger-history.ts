import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { LedgerHistoryQueryVariables } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

export const LedgerHistoryQuery = graphql(`
  query LedgerHistory($journal: ID, $account: String, $document: ID, $from: NaiveDate, $to: NaiveDate) {
    ledgerHistory(journal: $journal, account: $account, document: $document, from: $from, to: $to) {
      eventId
      aggregateType
      aggregateId
      sequence
      eventType
      recordedAt
      effectiveDate
      subject
      correlationId
      causationId
      data
    }
  }
`);

export const ledgerHistoryQueryOptions = (variables: LedgerHistoryQueryVariables) =>
  queryOptions({
    queryKey: ['finance', 'ledger-history', variables],
    queryFn: () => execute(LedgerHistoryQuery, variables),
  });

export const useLedgerHistory = (variables: LedgerHistoryQueryVariables, enabled: boolean) =>
  useQuery({ ...ledgerHistoryQueryOptions(variables), enabled });
