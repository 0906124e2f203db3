import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { OpenTicketMutationVariables } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

import { settleTicket } from './ticket-refresh';

/** Raises a ticket with the desk. */
export const OpenTicketMutation = graphql(`
  mutation OpenTicket($subject: String!, $description: String!, $category: String!, $priority: TicketPriority!, $accountId: ID, $projectId: ID) {
    openTicket(subject: $subject, description: $description, category: $category, priority: $priority, accountId: $accountId, projectId: $projectId) {
      id
      correlationId
    }
  }
`);

/** Opens one; answers its id once it can be read. */
export function useOpenTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (variables: OpenTicketMutationVariables) => {
      const { openTicket } = await execute(OpenTicketMutation, variables);
      await settleTicket(queryClient, openTicket.id, () => true);
      return openTicket.id;
    },
  });
}
