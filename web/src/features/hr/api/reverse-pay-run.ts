import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

import { settlePayRun } from './pay-run-refresh';

/** Reverses an approved or paid run: finance posts the mirror of its journal. */
export const ReversePayRunMutation = graphql(`
  mutation ReversePayRun($id: ID!, $reason: String!) {
    reversePayRun(id: $id, reason: $reason) {
      id
      correlationId
    }
  }
`);

export function useReversePayRun(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (reason: string) => {
      await execute(ReversePayRunMutation, { id, reason });
      await settlePayRun(queryClient, id, (r) => r.status === 'REVERSED');
    },
  });
}
