import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { InspectionQuery as InspectionAnswer } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

/** One inspection with its recorded items and corrective actions. */
export const InspectionQuery = graphql(`
  query Inspection($id: ID!) {
    inspection(id: $id) {
      id
      template
      siteId
      projectId
      area
      inspector
      inspectedOn
      status
      passed
      failed
      notApplicable
      stopped
      items {
        itemCode
        result
        severity
        note
        photos
      }
      actions {
        ...CorrectiveActionFields
      }
      updatedAt
    }
  }
`);

export type InspectionDetail = NonNullable<InspectionAnswer['inspection']>;
export type InspectionItemResult = InspectionDetail['items'][number];

export const inspectionKey = (id: string) => ['compliance', 'inspection', id] as const;

export const inspectionQueryOptions = (id: string) =>
  queryOptions({ queryKey: inspectionKey(id), queryFn: () => execute(InspectionQuery, { id }), enabled: id !== '' });

/**
 * One inspection. One just started may not be readable at once: while it answers "none"
 * it is asked again every 750 ms (60 times at most).
 */
export const useInspection = (id: string) =>
  useQuery({
    ...inspectionQueryOptions(id),
    refetchInterval: (query) => (query.state.data?.inspection === null && query.state.dataUpdateCount < 60 ? 750 : false),
  });
