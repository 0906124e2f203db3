import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { CommentOnTicketMutationVariables } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

import { ticketQueryOptions } from './get-ticket';
import { settleTicket } from './ticket-refresh';

/** A comment: the desk’s internal or public one, or the requester’s public one. */
export const CommentOnTicketMutation = graphql(`
  mutation CommentOnTicket($id: ID!, $body: String!, $public: Boolean!) {
    commentOnTicket(id: $id, body: $body, public: $public) {
      id
      correlationId
    }
  }
`);

export function useCommentOnTicket(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (variables: Omit<CommentOnTicketMutationVariables, 'id'>) => {
      const before = queryClient.getQueryData(ticketQueryOptions(id).queryKey)?.ticket?.comments.length ?? 0;
      await execute(CommentOnTicketMutation, { id, ...variables });
      await settleTicket(queryClient, id, (t) => t.comments.length > before);
    },
  });
}
