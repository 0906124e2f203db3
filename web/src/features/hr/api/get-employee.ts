import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { EmployeeQuery as EmployeeAnswer } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

/**
 * One employee with the profile HR recorded. The sensitive fields (identity and
 * passport, date of birth, tax number, bank account, pay rate, medical scheme members)
 * are null except to `hr.employees.read_sensitive` and on the caller's own record.
 */
export const EmployeeQuery = graphql(`
  query Employee($id: ID!) {
    employee(id: $id) {
      id
      employeeNumber
      firstName
      lastName
      jobTitle
      hiredOn
      siteId
      lastDay
      terminationReason
      employmentType
      contractEnds
      trade
      costRate
      daysPerWeek
      leaveBasis
      lineManagerId
      projectId
      costCode
      idNumber
      passportNumber
      passportCountry
      dateOfBirth
      taxNumber
      bankAccount {
        bank
        branchCode
        accountNumber
        accountType
      }
      payRate
      medicalMembers
      createdAt
      updatedAt
    }
  }
`);

export type EmployeeRecord = NonNullable<EmployeeAnswer['employee']>;

export const employeeKey = (id: string) => ['hr', 'employee', id] as const;

export const employeeQueryOptions = (id: string) =>
  queryOptions({ queryKey: employeeKey(id), queryFn: () => execute(EmployeeQuery, { id }), enabled: id !== '' });

export const useEmployee = (id: string) => useQuery(employeeQueryOptions(id));
