import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { EmployeesQuery as EmployeesAnswer } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

/** Employees by name: every record to HR, otherwise only the caller's own. */
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
      employmentType
      trade
    }
  }
`);

export type EmployeeRow = EmployeesAnswer['employees'][number];

export const employeesKey = ['hr', 'employees'] as const;

export const employeesQueryOptions = () => queryOptions({ queryKey: employeesKey, queryFn: () => execute(EmployeesQuery) });

export const useEmployees = () => useQuery(employeesQueryOptions());

/** "EMP-0001 Sam Petersen". */
export const employeeLabel = (e: Pick<EmployeeRow, 'employeeNumber' | 'firstName' | 'lastName'>) => `${e.employeeNumber} ${e.firstName} ${e.lastName}`;
