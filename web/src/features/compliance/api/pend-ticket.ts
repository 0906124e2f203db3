import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

import { settleTicket } from './ticket-refresh';

/** Waits on the requester. */
export const PendTicketMutation = graphql(`
  mutation PendTicket($id: ID!) {
    pendTicket(id: $id) {
      id
      correlationId
    }
  }
`);

export function usePendTicket(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await execute(PendTicketMutation, { id });
      await settleTicket(queryClient, id, (t) => t.status === 'PENDING');
    },
  });
}
