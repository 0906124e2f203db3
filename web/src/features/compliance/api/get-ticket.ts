import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { TicketQuery as TicketAnswer } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

/** One ticket with its comments (the requester sees the public ones). */
export const TicketQuery = graphql(`
  query Ticket($id: ID!) {
    ticket(id: $id) {
      ...TicketFields
      comments {
        author
        body
        public
        at
      }
    }
  }
`);

export type TicketDetail = NonNullable<TicketAnswer['ticket']>;

export const ticketKey = (id: string) => ['compliance', 'ticket', id] as const;

export const ticketQueryOptions = (id: string) => queryOptions({ queryKey: ticketKey(id), queryFn: () => execute(TicketQuery, { id }), enabled: id !== '' });

/** One ticket; a just opened one is asked again every 750 ms while it answers "none" (60 times at most). */
export const useTicket = (id: string) =>
  useQuery({
    ...ticketQueryOptions(id),
    refetchInterval: (query) => (query.state.data?.ticket === null && query.state.dataUpdateCount < 60 ? 750 : false),
  });
