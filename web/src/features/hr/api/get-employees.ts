import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

export const EmployeesQuery = graphql(`
  query Employees {
    employees {
      id
      employeeNumber
      firstName
      lastName
      jobTitle
      hiredOn
      siteId
      lastDay
    }
  }
`);

export const employeesQueryOptions = () => queryOptions({ queryKey: ['hr', 'employees'], queryFn: () => execute(EmployeesQuery) });

export const useEmployees = () => useQuery(employeesQueryOptions());
