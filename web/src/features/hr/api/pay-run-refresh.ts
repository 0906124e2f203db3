// What every pay run command waits for: the run read back from `payRun(id)` as the
// command leaves it (every 700 ms, 30 s at most, `lib/poll.ts`); then the run, the list,
// the run's payslips, the EMP201 months and the COIDA estimates are read again.

import type { QueryClient } from '@tanstack/react-query';

import type { PayRunFieldsFragment } from '@/gql/graphql';
import { waitUntil } from '@/lib/poll';

import { coidaEstimateKey } from './get-coida-estimate';
import { payRunKey, payRunQueryOptions } from './get-pay-run';
import { payRunsKey } from './get-pay-runs';
import { payslipsKey } from './get-payslips';

export async function settlePayRun(queryClient: QueryClient, id: string, settled: (run: PayRunFieldsFragment) => boolean) {
  await waitUntil(
    () => queryClient.fetchQuery({ ...payRunQueryOptions(id), staleTime: 0 }),
    (d) => Boolean(d.payRun && settled(d.payRun)),
  );
  await Promise.all([payRunKey(id), payRunsKey, payslipsKey, ['hr', 'emp201'], coidaEstimateKey].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}
