import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { InvestigateIncidentMutationVariables } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

import { settleIncident } from './incident-refresh';

/** Records the investigation's root cause and actions. */
export const InvestigateIncidentMutation = graphql(`
  mutation InvestigateIncident($id: ID!, $rootCause: String!, $actions: [String!]!) {
    investigateIncident(id: $id, rootCause: $rootCause, actions: $actions) {
      id
      correlationId
    }
  }
`);

export function useInvestigateIncident() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (variables: InvestigateIncidentMutationVariables) => {
      await execute(InvestigateIncidentMutation, variables);
      await settleIncident(queryClient, String(variables.id), (i) => i.status === 'INVESTIGATED');
    },
  });
}
