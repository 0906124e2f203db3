import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { StartInspectionMutationVariables } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

import { settleInspection } from './inspection-refresh';

/** Starts an inspection of a site's area against a checklist; the caller inspects. */
export const StartInspectionMutation = graphql(`
  mutation StartInspection($template: String!, $siteId: String!, $projectId: ID, $area: String!, $on: NaiveDate!) {
    startInspection(template: $template, siteId: $siteId, projectId: $projectId, area: $area, on: $on) {
      id
      correlationId
    }
  }
`);

/** Starts one; answers its id once it can be read. */
export function useStartInspection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (variables: StartInspectionMutationVariables) => {
      const { startInspection } = await execute(StartInspectionMutation, variables);
      await settleInspection(queryClient, startInspection.id, () => true);
      return startInspection.id;
    },
  });
}
