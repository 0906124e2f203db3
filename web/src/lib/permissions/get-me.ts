import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

export const MeQuery = graphql(`
  query Me {
    me {
      subject
      name
      username
      roles
      permissions
      assignments {
        projects
        sites
      }
    }
  }
`);

export const meQueryOptions = () =>
  queryOptions({
    queryKey: ['me'],
    queryFn: () => execute(MeQuery),
    staleTime: 5 * 60 * 1000,
  });

export const useMe = () => useQuery(meQueryOptions());
