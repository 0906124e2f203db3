import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

/**
 * The employee record the signed-in user is linked to (`me.assignments.employeeId`;
 * null until an administrator links the user and identity has projected it).
 */
export const MyEmployeeQuery = graphql(`
  query MyEmployee {
    me {
      subject
      assignments {
        employeeId
      }
    }
  }
`);

export const myEmployeeQueryOptions = () =>
  queryOptions({ queryKey: ['hr', 'my-employee'], queryFn: () => execute(MyEmployeeQuery), staleTime: 5 * 60 * 1000 });

export const useMyEmployee = () => useQuery(myEmployeeQueryOptions());
