import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { CancelLeaveMutationVariables } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

import { settleLeave } from './leave-refresh';

/** Withdraws a request: pending, or approved and not yet begun. */
export const CancelLeaveMutation = graphql(`
  mutation CancelLeave($employeeId: ID!, $requestId: ID!) {
    cancelLeave(employeeId: $employeeId, requestId: $requestId) {
      id
      correlationId
    }
  }
`);

export function useCancelLeave() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (variables: CancelLeaveMutationVariables) => {
      await execute(CancelLeaveMutation, variables);
      await settleLeave(queryClient, String(variables.employeeId), String(variables.requestId), (r) => r?.status === 'CANCELLED');
    },
  });
}
