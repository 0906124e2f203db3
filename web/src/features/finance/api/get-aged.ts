import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

export const AgedReportsQuery = graphql(`
  query AgedReports($asAt: NaiveDate!) {
    agedDebtors(asAt: $asAt) {
      ...AgedReportFields
    }
    agedCreditors(asAt: $asAt) {
      ...AgedReportFields
    }
  }

  fragment AgedReportFields on AgedReport {
    asAt
    lines {
      counterpartyId
      counterpartyName
      amounts {
        ...AgedAmountFields
      }
    }
    totals {
      ...AgedAmountFields
    }
  }

  fragment AgedAmountFields on AgedAmounts {
    current
    days30
    days60
    days90
    days120Plus
    onAccount
    total
  }
`);

export const agedQueryOptions = (asAt: string) =>
  queryOptions({ queryKey: ['finance', 'aged', asAt], queryFn: () => execute(AgedReportsQuery, { asAt }) });

export const useAgedReports = (asAt: string) => useQuery(agedQueryOptions(asAt));
