import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { SubmitActionEvidenceMutationVariables } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

import { settleInspection } from './inspection-refresh';

/** The owner's evidence that an action is done (a note and/or photo document ids). */
export const SubmitActionEvidenceMutation = graphql(`
  mutation SubmitActionEvidence($inspectionId: ID!, $actionId: ID!, $note: String!, $photos: [String!]!) {
    submitActionEvidence(inspectionId: $inspectionId, actionId: $actionId, note: $note, photos: $photos) {
      id
      correlationId
    }
  }
`);

export type Evidence = Omit<SubmitActionEvidenceMutationVariables, 'inspectionId'>;

export function useSubmitActionEvidence(inspectionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (variables: Evidence) => {
      await execute(SubmitActionEvidenceMutation, { inspectionId, ...variables });
      await settleInspection(queryClient, inspectionId, (i) =>
        i.actions.some((a) => a.id === variables.actionId && a.status === 'EVIDENCE_SUBMITTED'),
      );
    },
  });
}
