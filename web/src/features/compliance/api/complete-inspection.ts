import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

import { settleInspection } from './inspection-refresh';

/** Completes an inspection whose every item has a result (refused until then). */
export const CompleteInspectionMutation = graphql(`
  mutation CompleteInspection($id: ID!) {
    completeInspection(id: $id) {
      id
      correlationId
    }
  }
`);

export function useCompleteInspection(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await execute(CompleteInspectionMutation, { id });
      await settleInspection(queryClient, id, (i) => i.status === 'COMPLETED');
    },
  });
}
