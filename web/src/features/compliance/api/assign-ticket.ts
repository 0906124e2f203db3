import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { AssignTicketMutationVariables } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

import { settleTicket } from './ticket-refresh';

/** Assigns the ticket to an agent or team (a new ticket becomes open). */
export const AssignTicketMutation = graphql(`
  mutation AssignTicket($id: ID!, $agent: String!) {
    assignTicket(id: $id, agent: $agent) {
      id
      correlationId
    }
  }
`);

export function useAssignTicket(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (variables: Omit<AssignTicketMutationVariables, 'id'>) => {
      await execute(AssignTicketMutation, { id, ...variables });
      await settleTicket(queryClient, id, (t) => t.agent === variables.agent);
    },
  });
}
