import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { TicketFieldsFragment } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

export const TicketFields = graphql(`
  fragment TicketFields on Ticket {
    id
    subject
    description
    category
    priority
    status
    accountId
    projectId
    raisedBy
    agent
    resolution
    openedAt
    firstResponseAt
    resolvedAt
    closedAt
    sla {
      responseDue
      resolutionDue
      responseBreached
      resolutionBreached
    }
  }
`);

/** Tickets, newest first: the desk sees all, anyone else the ones they raised. */
export const TicketsQuery = graphql(`
  query Tickets {
    tickets {
      ...TicketFields
    }
  }
`);

export type TicketRow = TicketFieldsFragment;

export const ticketsKey = ['compliance', 'tickets'] as const;

export const ticketsQueryOptions = () => queryOptions({ queryKey: ticketsKey, queryFn: () => execute(TicketsQuery) });

export const useTickets = () => useQuery(ticketsQueryOptions());
