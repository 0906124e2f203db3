// What every incident command waits for: the incident read back from `incidents` as the
// command leaves it (every 700 ms, 30 s at most, `lib/poll.ts`); then the incidents and
// the rates are read again.

import type { QueryClient } from '@tanstack/react-query';

import { waitUntil } from '@/lib/poll';

import { incidentRatesKey } from './get-incident-rates';
import { incidentsKey, incidentsQueryOptions, type IncidentRow } from './get-incidents';

export async function settleIncident(queryClient: QueryClient, id: string, settled: (incident: IncidentRow) => boolean) {
  await waitUntil(
    () => queryClient.fetchQuery({ ...incidentsQueryOptions(), staleTime: 0 }),
    (d) => d.incidents.some((i) => i.id === id && settled(i)),
  );
  await Promise.all([incidentsKey, incidentRatesKey].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}
