import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { InspectionTemplatesQuery as TemplatesAnswer } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

/** The checklists an inspection is made against (sections of items, each with its regulation). */
export const InspectionTemplatesQuery = graphql(`
  query InspectionTemplates {
    inspectionTemplates {
      code
      name
      sections {
        title
        items {
          code
          text
          regulation
        }
      }
    }
  }
`);

export type InspectionTemplate = TemplatesAnswer['inspectionTemplates'][number];
export type ChecklistEntry = InspectionTemplate['sections'][number]['items'][number];

export const inspectionTemplatesKey = ['compliance', 'inspection-templates'] as const;

export const inspectionTemplatesQueryOptions = () =>
  queryOptions({ queryKey: inspectionTemplatesKey, queryFn: () => execute(InspectionTemplatesQuery), staleTime: 5 * 60_000 });

export const useInspectionTemplates = () => useQuery(inspectionTemplatesQueryOptions());
