// Records (or replaces) an employee's profile. The command is answered before HR's read
// model has it, so it stays pending until `employee(id)` shows a later `updatedAt`
// (every 700 ms, 30 s at most, `lib/poll.ts`); then the record and the list are read again.

import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { EmployeeProfileInput } from '@/gql/graphql';
import { execute } from '@/lib/graphql';
import { waitUntil } from '@/lib/poll';

import { employeeKey, employeeQueryOptions } from './get-employee';
import { employeesKey } from './get-employees';

export const SetEmployeeProfileMutation = graphql(`
  mutation SetEmployeeProfile($input: EmployeeProfileInput!) {
    setEmployeeProfile(input: $input) {
      id
      correlationId
    }
  }
`);

/** Sets the profile of the employee whose record, as shown, was updated at `updatedAt`. */
export function useSetEmployeeProfile(employeeId: string, updatedAt: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: EmployeeProfileInput) => {
      await execute(SetEmployeeProfileMutation, { input });
      await waitUntil(
        () => queryClient.fetchQuery({ ...employeeQueryOptions(employeeId), staleTime: 0 }),
        (d) => Boolean(d.employee && d.employee.updatedAt !== updatedAt),
      );
      await Promise.all([queryClient.invalidateQueries({ queryKey: employeeKey(employeeId) }), queryClient.invalidateQueries({ queryKey: employeesKey })]);
    },
  });
}
