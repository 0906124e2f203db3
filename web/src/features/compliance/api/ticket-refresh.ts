// What every ticket command waits for: the ticket read back from `ticket(id)` as the
// command leaves it (every 700 ms, 30 s at most, `lib/poll.ts`); then the ticket and the
// list are read again.

import type { QueryClient } from '@tanstack/react-query';

import { waitUntil } from '@/lib/poll';

import { ticketKey, ticketQueryOptions, type TicketDetail } from './get-ticket';
import { ticketsKey } from './get-tickets';

export async function settleTicket(queryClient: QueryClient, id: string, settled: (ticket: TicketDetail) => boolean) {
  await waitUntil(
    () => queryClient.fetchQuery({ ...ticketQueryOptions(id), staleTime: 0 }),
    (d) => Boolean(d.ticket && settled(d.ticket)),
  );
  await Promise.all([ticketKey(id), ticketsKey].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}
