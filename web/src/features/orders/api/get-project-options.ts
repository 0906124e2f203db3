import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

/** The customers a new project can be for. */
export const ProjectOptionsQuery = graphql(`
  query ProjectOptions {
    accounts(first: 100, kind: CUSTOMER, status: ACTIVE) {
      nodes {
        id
        name
      }
    }
  }
`);

export const projectOptionsQueryOptions = () =>
  queryOptions({ queryKey: ['orders', 'project-options'], queryFn: () => execute(ProjectOptionsQuery) });

export const useProjectOptions = (enabled = true) => useQuery({ ...projectOptionsQueryOptions(), enabled });
