import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

import { settleTicket } from './ticket-refresh';

/** Closes a resolved ticket. */
export const CloseTicketMutation = graphql(`
  mutation CloseTicket($id: ID!) {
    closeTicket(id: $id) {
      id
      correlationId
    }
  }
`);

export function useCloseTicket(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await execute(CloseTicketMutation, { id });
      await settleTicket(queryClient, id, (t) => t.status === 'CLOSED');
    },
  });
}
