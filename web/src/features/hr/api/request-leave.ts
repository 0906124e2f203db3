import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { RequestLeaveMutationVariables } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

import { settleLeave } from './leave-refresh';

/** Asks for leave from `from` to `to` (both included); refused past the balance. */
export const RequestLeaveMutation = graphql(`
  mutation RequestLeave($employeeId: ID!, $kind: LeaveKind!, $from: NaiveDate!, $to: NaiveDate!, $reason: String!) {
    requestLeave(employeeId: $employeeId, kind: $kind, from: $from, to: $to, reason: $reason) {
      id
      correlationId
    }
  }
`);

/** Requests leave; answers the request's id once it is listed. */
export function useRequestLeave() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (variables: RequestLeaveMutationVariables) => {
      const { requestLeave } = await execute(RequestLeaveMutation, variables);
      await settleLeave(queryClient, String(variables.employeeId), requestLeave.id, (r) => r !== undefined);
      return requestLeave.id;
    },
  });
}
