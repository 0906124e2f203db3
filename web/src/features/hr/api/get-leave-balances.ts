import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { LeaveBalancesQuery as LeaveBalancesAnswer } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

/** An employee's leave balances on a date (today when not given), one per kind. */
export const LeaveBalancesQuery = graphql(`
  query LeaveBalances($employeeId: ID!, $on: NaiveDate) {
    leaveBalances(employeeId: $employeeId, on: $on) {
      kind
      cycleStart
      cycleEnd
      entitled
      taken
      pending
      available
    }
  }
`);

export type LeaveBalanceRow = LeaveBalancesAnswer['leaveBalances'][number];

export const leaveBalancesKey = (employeeId: string) => ['hr', 'leave-balances', employeeId] as const;

export const leaveBalancesQueryOptions = (employeeId: string, on: string | null = null) =>
  queryOptions({ queryKey: [...leaveBalancesKey(employeeId), on], queryFn: () => execute(LeaveBalancesQuery, { employeeId, on }), enabled: employeeId !== '' });

export const useLeaveBalances = (employeeId: string, on: string | null = null) => useQuery(leaveBalancesQueryOptions(employeeId, on));
