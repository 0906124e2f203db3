import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

export const MyProjectsQuery = graphql(`
  query MyProjects {
    projects {
      id
      code
      name
      siteName
      status
    }
  }
`);

export const myProjectsQueryOptions = () => queryOptions({ queryKey: ['dashboard', 'projects'], queryFn: () => execute(MyProjectsQuery) });

export const useMyProjects = () => useQuery(myProjectsQueryOptions());
