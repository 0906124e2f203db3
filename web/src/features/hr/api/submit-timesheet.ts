// Submits (or resubmits, until approved) an employee's week. The command is answered
// before the read model has the week, so it stays pending until `timesheet(id)` is
// SUBMITTED with another `updatedAt` than the week had before it was sent (every 700 ms,
// 30 s at most); then the lists are read again.

import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { SubmitTimesheetMutationVariables } from '@/gql/graphql';
import { execute } from '@/lib/graphql';
import { waitUntil } from '@/lib/poll';

import { timesheetKey, timesheetQueryOptions } from './get-timesheet';
import { timesheetsKey, timesheetsQueryOptions } from './get-timesheets';

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
      // The week as read before (one per employee and Monday), to see the resubmission arrive.
      const employeeId = String(variables.employeeId);
      const before = (await queryClient.fetchQuery({ ...timesheetsQueryOptions(employeeId), staleTime: 0 }).catch(() => null))?.timesheets.find((t) => t.weekStarting === variables.weekStarting);
      const { submitTimesheet } = await execute(SubmitTimesheetMutation, variables);
      await waitUntil(
        () => queryClient.fetchQuery({ ...timesheetQueryOptions(submitTimesheet.id), staleTime: 0 }),
        (d) => d.timesheet?.status === 'SUBMITTED' && d.timesheet.updatedAt !== before?.updatedAt,
      );
      await Promise.all([queryClient.invalidateQueries({ queryKey: timesheetsKey }), queryClient.invalidateQueries({ queryKey: timesheetKey(submitTimesheet.id) })]);
      return submitTimesheet.id;
    },
  });
}
