import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { ReportIncidentMutationVariables } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

import { settleIncident } from './incident-refresh';

/** Reports an incident on a project (by id or code); a lost-time injury names the days lost. */
export const ReportIncidentMutation = graphql(`
  mutation ReportIncident($kind: IncidentKind!, $projectId: String!, $occurredOn: NaiveDate!, $description: String!, $daysLost: Int!) {
    reportIncident(kind: $kind, projectId: $projectId, occurredOn: $occurredOn, description: $description, daysLost: $daysLost) {
      id
      correlationId
    }
  }
`);

export function useReportIncident() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (variables: ReportIncidentMutationVariables) => {
      const { reportIncident } = await execute(ReportIncidentMutation, variables);
      await settleIncident(queryClient, reportIncident.id, () => true);
      return reportIncident.id;
    },
  });
}
