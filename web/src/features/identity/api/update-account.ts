import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { AccountDetails } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

export const UpdateAccountDetailsMutation = graphql(`
  mutation UpdateAccountDetails($id: ID!, $input: AccountDetails!) {
    updateAccountDetails(id: $id, input: $input) {
      id
      correlationId
    }
  }
`);

/** Changes an account's registered details; that account and the lists change. */
export const useUpdateAccountDetails = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (variables: { id: string; input: AccountDetails }) => execute(UpdateAccountDetailsMutation, variables),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['identity', 'accounts'] }),
  });
};
