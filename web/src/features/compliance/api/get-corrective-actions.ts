import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { CorrectiveActionFieldsFragment } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

export const CorrectiveActionFields = graphql(`
  fragment CorrectiveActionFields on CorrectiveAction {
    id
    inspectionId
    siteId
    area
    itemCode
    severity
    owner
    due
    status
    escalation
    escalatedAt
    evidenceNote
    verifiedBy
  }
`);

/** Corrective actions, soonest due first, with their escalation (open ones unless asked). */
export const CorrectiveActionsQuery = graphql(`
  query CorrectiveActions($openOnly: Boolean!) {
    correctiveActions(openOnly: $openOnly) {
      ...CorrectiveActionFields
    }
  }
`);

export type CorrectiveActionRow = CorrectiveActionFieldsFragment;

export const correctiveActionsKey = ['compliance', 'corrective-actions'] as const;

export const correctiveActionsQueryOptions = (openOnly = true) =>
  queryOptions({ queryKey: [...correctiveActionsKey, openOnly], queryFn: () => execute(CorrectiveActionsQuery, { openOnly }) });

export const useCorrectiveActions = (openOnly = true) => useQuery(correctiveActionsQueryOptions(openOnly));
