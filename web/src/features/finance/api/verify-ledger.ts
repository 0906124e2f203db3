import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

export const LedgerVerificationQuery = graphql(`
  query LedgerVerification {
    ledgerVerification {
      intact
      streams
      events
      anchors
      brokenLink
      brokenAnchor
      checkedAt
    }
  }
`);

/** Run on request only (it walks every finance event): never cached as fresh. */
export const ledgerVerificationQueryOptions = () =>
  queryOptions({
    queryKey: ['finance', 'ledger-verification'],
    queryFn: () => execute(LedgerVerificationQuery),
    staleTime: 0,
    gcTime: 0,
  });

export const useLedgerVerification = (enabled: boolean) => useQuery({ ...ledgerVerificationQueryOptions(), enabled });
