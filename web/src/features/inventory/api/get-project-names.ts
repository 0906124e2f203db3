import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';
import { usePermissions } from '@/lib/permissions/authorization';

/**
 * The projects' codes and names, to name the project of an issue on the stock card
 * (movements carry the project's id). Asked only by those who may read projects; the
 * others see the id.
 */
export const InventoryProjectNamesQuery = graphql(`
  query InventoryProjectNames {
    projects {
      id
      code
      name
    }
  }
`);

export const projectNamesQueryOptions = () =>
  queryOptions({
    queryKey: ['inventory', 'project-names'],
    queryFn: () => execute(InventoryProjectNamesQuery),
    select: (d) => new Map(d.projects.map((p) => [p.id, `${p.code} ${p.name}`])),
  });

/** A project's "CODE Name" by its id (the id itself while unknown or not readable). */
export function useProjectName() {
  const { can } = usePermissions();
  const names = useQuery({ ...projectNamesQueryOptions(), enabled: can(['orders.projects.read', 'orders.projects.read_assigned']) });
  return (id: string) => names.data?.get(id) ?? id;
}

/** The projects (id, code, name) for a picker; empty for those who may not read projects. */
export function useProjectList() {
  const { can } = usePermissions();
  const list = useQuery({
    queryKey: ['inventory', 'project-names'],
    queryFn: () => execute(InventoryProjectNamesQuery),
    enabled: can(['orders.projects.read', 'orders.projects.read_assigned']),
  });
  return list.data?.projects ?? [];
}
