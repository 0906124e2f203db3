import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';
import { usePermissions } from '@/lib/permissions/authorization';

/**
 * The projects' ids, codes and names, to suggest a timesheet row's project and to name
 * the projects of a week (entries carry the project's id). Asked only by those who may
 * read projects; the others type a code and see ids.
 */
export const HrProjectCodesQuery = graphql(`
  query HrProjectCodes {
    projects {
      id
      code
      name
    }
  }
`);

export const projectCodesQueryOptions = () => queryOptions({ queryKey: ['hr', 'project-codes'], queryFn: () => execute(HrProjectCodesQuery), staleTime: 5 * 60 * 1000 });

/** The projects the caller may read (empty for those who may not). */
export function useProjectCodes() {
  const { can } = usePermissions();
  const list = useQuery({ ...projectCodesQueryOptions(), enabled: can(['orders.projects.read', 'orders.projects.read_assigned']) });
  return list.data?.projects ?? [];
}
