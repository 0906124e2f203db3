import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { AccountStatus } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

export const ChangeAccountStatusMutation = graphql(`
  mutation ChangeAccountStatus($id: ID!, $status: AccountStatus!, $reason: String) {
    changeAccountStatus(id: $id, status: $status, reason: $reason) {
      id
      correlationId
    }
  }
`);

/** Puts an account on hold, archives or re-activates it; the accounts change. */
export const useChangeAccountStatus = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (variables: { id: string; status: AccountStatus; reason: string | null }) =>
      execute(ChangeAccountStatusMutation, variables),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['identity', 'accounts'] }),
  });
};
