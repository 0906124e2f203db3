import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { DecideTimesheetMutationVariables } from '@/gql/graphql';
import { execute } from '@/lib/graphql';
import { waitUntil } from '@/lib/poll';

import { timesheetKey, timesheetQueryOptions } from './get-timesheet';
import { timesheetsKey } from './get-timesheets';

/**
 * Approves a submitted week (costing it to its projects) or rejects it with a reason:
 * a manager of every project on it, never the employee themself.
 */
export const DecideTimesheetMutation = graphql(`
  mutation DecideTimesheet($id: ID!, $approve: Boolean!, $reason: String) {
    decideTimesheet(id: $id, approve: $approve, reason: $reason) {
      id
      correlationId
    }
  }
`);

export function useDecideTimesheet() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (variables: DecideTimesheetMutationVariables) => {
      await execute(DecideTimesheetMutation, variables);
      const status = variables.approve ? 'APPROVED' : 'REJECTED';
      await waitUntil(() => queryClient.fetchQuery({ ...timesheetQueryOptions(String(variables.id)), staleTime: 0 }), (d) => d.timesheet?.status === status);
      await Promise.all([queryClient.invalidateQueries({ queryKey: timesheetsKey }), queryClient.invalidateQueries({ queryKey: timesheetKey(String(variables.id)) })]);
    },
  });
}
