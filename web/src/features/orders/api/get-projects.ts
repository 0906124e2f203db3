import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

export const ProjectsQuery = graphql(`
  query Projects {
    projects {
      id
      code
      name
      customerAccountId
      siteId
      siteName
      startsOn
      status
      figures {
        contractValue
        claimedToDate
        retentionHeld
      }
    }
  }
`);

export const projectsKey = ['orders', 'projects'] as const;

export const projectsQueryOptions = () => queryOptions({ queryKey: projectsKey, queryFn: () => execute(ProjectsQuery) });

export const useProjects = () => useQuery(projectsQueryOptions());
