import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { LeaveRequestsQuery as LeaveRequestsAnswer, LeaveRequestsQueryVariables } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

/**
 * Leave requests, latest first: one's own and those of the employees one manages
 * (HR: everyone's), optionally of one employee or only the pending ones.
 */
export const LeaveRequestsQuery = graphql(`
  query LeaveRequests($employeeId: ID, $pendingOnly: Boolean!) {
    leaveRequests(employeeId: $employeeId, pendingOnly: $pendingOnly) {
      id
      employeeId
      employeeName
      kind
      firstDay
      lastDay
      days
      reason
      status
      decidedBy
      declineReason
      requestedAt
    }
  }
`);

export type LeaveRequestRow = LeaveRequestsAnswer['leaveRequests'][number];

export const leaveRequestsKey = ['hr', 'leave-requests'] as const;

export const leaveRequestsQueryOptions = (variables: LeaveRequestsQueryVariables) =>
  queryOptions({ queryKey: [...leaveRequestsKey, variables], queryFn: () => execute(LeaveRequestsQuery, variables) });

/** The requests of `employeeId` (null: every one the caller may see). */
export const useLeaveRequests = (employeeId: string | null, pendingOnly = false, enabled = true) =>
  useQuery({ ...leaveRequestsQueryOptions({ employeeId, pendingOnly }), enabled });
