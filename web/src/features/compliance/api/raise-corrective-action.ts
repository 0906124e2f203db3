import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { RaiseCorrectiveActionMutationVariables } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

import { settleInspection } from './inspection-refresh';

/** Raises a corrective action on a finding; answers the action's id. */
export const RaiseCorrectiveActionMutation = graphql(`
  mutation RaiseCorrectiveAction($inspectionId: ID!, $itemCode: String!, $owner: String!, $due: NaiveDate!) {
    raiseCorrectiveAction(inspectionId: $inspectionId, itemCode: $itemCode, owner: $owner, due: $due) {
      id
      correlationId
    }
  }
`);

export type RaiseAction = Omit<RaiseCorrectiveActionMutationVariables, 'inspectionId'>;

/** Raises one; settles once the inspection lists the action. */
export function useRaiseCorrectiveAction(inspectionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (variables: RaiseAction) => {
      const { raiseCorrectiveAction } = await execute(RaiseCorrectiveActionMutation, { inspectionId, ...variables });
      await settleInspection(queryClient, inspectionId, (i) => i.actions.some((a) => a.id === raiseCorrectiveAction.id));
      return raiseCorrectiveAction.id;
    },
  });
}
