import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { CloseIncidentMutationVariables } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

import { settleIncident } from './incident-refresh';

/** Closes an investigated incident. */
export const CloseIncidentMutation = graphql(`
  mutation CloseIncident($id: ID!, $on: NaiveDate!) {
    closeIncident(id: $id, on: $on) {
      id
      correlationId
    }
  }
`);

export function useCloseIncident() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (variables: CloseIncidentMutationVariables) => {
      await execute(CloseIncidentMutation, variables);
      await settleIncident(queryClient, String(variables.id), (i) => i.status === 'CLOSED');
    },
  });
}
