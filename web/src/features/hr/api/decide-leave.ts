import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { DecideLeaveMutationVariables } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

import { settleLeave } from './leave-refresh';

/** Approves or declines (with a reason) a pending request: the line manager or HR. */
export const DecideLeaveMutation = graphql(`
  mutation DecideLeave($employeeId: ID!, $requestId: ID!, $approve: Boolean!, $reason: String) {
    decideLeave(employeeId: $employeeId, requestId: $requestId, approve: $approve, reason: $reason) {
      id
      correlationId
    }
  }
`);

export function useDecideLeave() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (variables: DecideLeaveMutationVariables) => {
      await execute(DecideLeaveMutation, variables);
      await settleLeave(queryClient, String(variables.employeeId), String(variables.requestId), (r) => r !== undefined && r.status !== 'PENDING');
    },
  });
}
