import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

/** One timesheet, under the same rule as the list. */
export const TimesheetQuery = graphql(`
  query Timesheet($id: ID!) {
    timesheet(id: $id) {
      ...TimesheetFields
    }
  }
`);

export const timesheetKey = (id: string) => ['hr', 'timesheet', id] as const;

export const timesheetQueryOptions = (id: string) => queryOptions({ queryKey: timesheetKey(id), queryFn: () => execute(TimesheetQuery, { id }), enabled: id !== '' });

export const useTimesheet = (id: string) => useQuery(timesheetQueryOptions(id));
