import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { IncidentsQuery as IncidentsAnswer } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

/** Incidents, latest first (of one project when given). */
export const IncidentsQuery = graphql(`
  query Incidents($projectId: ID) {
    incidents(projectId: $projectId) {
      id
      kind
      projectId
      occurredOn
      description
      daysLost
      reportedBy
      status
      rootCause
      closedOn
    }
  }
`);

export type IncidentRow = IncidentsAnswer['incidents'][number];

export const incidentsKey = ['compliance', 'incidents'] as const;

export const incidentsQueryOptions = (projectId: string | null = null) =>
  queryOptions({ queryKey: [...incidentsKey, projectId], queryFn: () => execute(IncidentsQuery, { projectId }) });

export const useIncidents = (projectId: string | null = null) => useQuery(incidentsQueryOptions(projectId));
