// What every leave command waits for: the request read back from `leaveRequests` in the
// state the command leads to (every 700 ms, 30 s at most, `lib/poll.ts`); then every
// list of requests and the employee's balances are read again.

import type { QueryClient } from '@tanstack/react-query';

import { waitUntil } from '@/lib/poll';

import { leaveBalancesKey } from './get-leave-balances';
import { leaveRequestsKey, leaveRequestsQueryOptions, type LeaveRequestRow } from './get-leave-requests';

export async function settleLeave(queryClient: QueryClient, employeeId: string, requestId: string, settled: (request: LeaveRequestRow | undefined) => boolean) {
  await waitUntil(
    () => queryClient.fetchQuery({ ...leaveRequestsQueryOptions({ employeeId, pendingOnly: false }), staleTime: 0 }),
    (d) => settled(d.leaveRequests.find((r) => r.id === requestId)),
  );
  await Promise.all([queryClient.invalidateQueries({ queryKey: leaveRequestsKey }), queryClient.invalidateQueries({ queryKey: leaveBalancesKey(employeeId) })]);
}
