import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { ClaimLineIn } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

/** The server's own arithmetic for a claim with these lines, recording nothing. */
export const PreviewProgressClaimQuery = graphql(`
  query PreviewProgressClaim($projectId: ID!, $lines: [ClaimLineIn!]!) {
    previewProgressClaim(projectId: $projectId, lines: $lines) {
      lines {
        item
        description
        percentToDate
        valueToDate
        previouslyClaimed
        amount
      }
      amount
      retention
      retentionPercent
      vat
      dueNow
      vatDeferred
    }
  }
`);

export const previewProgressClaimQueryOptions = (projectId: string, lines: ClaimLineIn[]) =>
  queryOptions({
    queryKey: ['orders', 'project', projectId, 'claim-preview', lines] as const,
    queryFn: () => execute(PreviewProgressClaimQuery, { projectId, lines }),
    retry: false,
  });

/** The preview of `lines` (already debounced by the caller); none while `lines` is null. */
export const usePreviewProgressClaim = (projectId: string, lines: ClaimLineIn[] | null) =>
  useQuery({
    ...previewProgressClaimQueryOptions(projectId, lines ?? []),
    enabled: lines !== null && lines.length > 0,
    placeholderData: keepPreviousData,
  });
