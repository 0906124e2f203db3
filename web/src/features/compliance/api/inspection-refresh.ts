// What every inspection command waits for: the inspection read back from
// `inspection(id)` as the command leaves it (every 700 ms, 30 s at most, `lib/poll.ts`);
// then the inspection, the list and the corrective actions are read again.

import type { QueryClient } from '@tanstack/react-query';

import { waitUntil } from '@/lib/poll';

import { correctiveActionsKey } from './get-corrective-actions';
import { inspectionKey, inspectionQueryOptions, type InspectionDetail } from './get-inspection';
import { inspectionsKey } from './get-inspections';

export async function settleInspection(queryClient: QueryClient, id: string, settled: (inspection: InspectionDetail) => boolean) {
  await waitUntil(
    () => queryClient.fetchQuery({ ...inspectionQueryOptions(id), staleTime: 0 }),
    (d) => Boolean(d.inspection && settled(d.inspection)),
  );
  await Promise.all([inspectionKey(id), inspectionsKey, correctiveActionsKey].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}
