import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { ResolveTicketMutationVariables } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

import { settleTicket } from './ticket-refresh';

/** Resolves the ticket, saying how. */
export const ResolveTicketMutation = graphql(`
  mutation ResolveTicket($id: ID!, $resolution: String!) {
    resolveTicket(id: $id, resolution: $resolution) {
      id
      correlationId
    }
  }
`);

export function useResolveTicket(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (variables: Omit<ResolveTicketMutationVariables, 'id'>) => {
      await execute(ResolveTicketMutation, { id, ...variables });
      await settleTicket(queryClient, id, (t) => t.status === 'RESOLVED');
    },
  });
}
