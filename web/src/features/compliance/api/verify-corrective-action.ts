import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

import { settleInspection } from './inspection-refresh';

/** The inspector verifies an action's evidence; the last one on a stopped area's high findings clears it. */
export const VerifyCorrectiveActionMutation = graphql(`
  mutation VerifyCorrectiveAction($inspectionId: ID!, $actionId: ID!) {
    verifyCorrectiveAction(inspectionId: $inspectionId, actionId: $actionId) {
      id
      correlationId
    }
  }
`);

export function useVerifyCorrectiveAction(inspectionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (actionId: string) => {
      await execute(VerifyCorrectiveActionMutation, { inspectionId, actionId });
      // The clearing of a stopped area follows the verification as an event of its own:
      // wait for it too unless another action on a high finding is still open.
      await settleInspection(
        queryClient,
        inspectionId,
        (i) =>
          i.actions.some((a) => a.id === actionId && a.status === 'VERIFIED') &&
          (!i.stopped || i.actions.some((a) => a.status !== 'VERIFIED' && a.severity === 'HIGH')),
      );
    },
  });
}
