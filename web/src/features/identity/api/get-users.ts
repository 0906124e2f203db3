import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

export const UsersQuery = graphql(`
  query Users {
    users {
      id
      subject
      name
      username
      employeeId
      contactId
      projects
      sites
      updatedAt
    }
  }
`);

export const usersQueryOptions = () => queryOptions({ queryKey: ['identity', 'users'], queryFn: () => execute(UsersQuery) });

export const useUsers = () => useQuery(usersQueryOptions());
