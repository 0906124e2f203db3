import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { InspectionsQuery as InspectionsAnswer } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

/** Inspections, latest first (without their items). */
export const InspectionsQuery = graphql(`
  query Inspections {
    inspections {
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
      updatedAt
    }
  }
`);

export type InspectionRow = InspectionsAnswer['inspections'][number];

export const inspectionsKey = ['compliance', 'inspections'] as const;

export const inspectionsQueryOptions = () => queryOptions({ queryKey: inspectionsKey, queryFn: () => execute(InspectionsQuery) });

export const useInspections = () => useQuery(inspectionsQueryOptions());
