import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { CreateAccountInput } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

export const CreateAccountMutation = graphql(`
  mutation CreateAccount($input: CreateAccountInput!) {
    createAccount(input: $input) {
      id
      correlationId
    }
  }
`);

/** Opens an account; the account lists change. */
export const useCreateAccount = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateAccountInput) => execute(CreateAccountMutation, { input }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['identity', 'accounts'] }),
  });
};
