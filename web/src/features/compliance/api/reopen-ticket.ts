import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { ReopenTicketMutationVariables } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

import { settleTicket } from './ticket-refresh';

/** Reopens a resolved or closed ticket. */
export const ReopenTicketMutation = graphql(`
  mutation ReopenTicket($id: ID!, $reason: String!) {
    reopenTicket(id: $id, reason: $reason) {
      id
      correlationId
    }
  }
`);

export function useReopenTicket(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (variables: Omit<ReopenTicketMutationVariables, 'id'>) => {
      await execute(ReopenTicketMutation, { id, ...variables });
      await settleTicket(queryClient, id, (t) => t.status !== 'RESOLVED' && t.status !== 'CLOSED');
    },
  });
}
