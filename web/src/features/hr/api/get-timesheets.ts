import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { TimesheetsQuery as TimesheetsAnswer } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

/**
 * Timesheets, latest week first: site and project managers see the weeks on their
 * projects; HR and payroll every week.
 */
export const TimesheetsQuery = graphql(`
  query Timesheets($employeeId: ID) {
    timesheets(employeeId: $employeeId) {
      ...TimesheetFields
    }
  }
`);

export const TimesheetFieldsFragment = graphql(`
  fragment TimesheetFields on Timesheet {
    id
    employeeId
    employeeName
    weekStarting
    status
    entries {
      day
      projectId
      costCode
      ordinary
      overtime
      double
    }
    projects
    ordinaryHours
    overtimeHours
    doubleHours
    costRate
    totalCost
    grossPay
    decidedBy
    rejectReason
    updatedAt
  }
`);

export type TimesheetRow = TimesheetsAnswer['timesheets'][number];

export const timesheetsKey = ['hr', 'timesheets'] as const;

export const timesheetsQueryOptions = (employeeId: string | null = null) =>
  queryOptions({ queryKey: [...timesheetsKey, employeeId], queryFn: () => execute(TimesheetsQuery, { employeeId }) });

export const useTimesheets = (employeeId: string | null = null) => useQuery(timesheetsQueryOptions(employeeId));
