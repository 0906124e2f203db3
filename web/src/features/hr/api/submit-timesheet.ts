// Submits (or resubmits, until approved) an employee's week. The command is answered
// before the read model has the week, so it stays pending until `timesheet(id)` is
// SUBMITTED with a later `updatedAt` than before (every 700 ms, 30 s at most); then the
// lists are read again.

import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { SubmitTimesheetMutationVariables } from '@/gql/graphql';
import { execute } from '@/lib/graphql';
import { waitUntil } from '@/lib/poll';

import { timesheetKey, timesheetQueryOptions } from './get-timesheet';
import { timesheetsKey } from './get-timesheets';

export const SubmitTimesheetMutation = graphql(`
  mutation SubmitTimesheet($employeeId: ID!, $weekStarting: NaiveDate!, $entries: [TimeEntryInput!]!) {
    submitTimesheet(employeeId: $employeeId, weekStarting: $weekStarting, entries: $entries) {
      id
      correlationId
    }
  }
`);

export function useSubmitTimesheet() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (variables: SubmitTimesheetMutationVariables) => {
      const { submitTimesheet } = await execute(SubmitTimesheetMutation, variables);
      const read = () => queryClient.fetchQuery({ ...timesheetQueryOptions(submitTimesheet.id), staleTime: 0 });
      const before = (await read().catch(() => null))?.timesheet;
      await waitUntil(read, (d) => d.timesheet?.status === 'SUBMITTED' && (!before || before.status !== 'SUBMITTED' || d.timesheet.updatedAt !== before.updatedAt));
      await Promise.all([queryClient.invalidateQueries({ queryKey: timesheetsKey }), queryClient.invalidateQueries({ queryKey: timesheetKey(submitTimesheet.id) })]);
      return submitTimesheet.id;
    },
  });
}
