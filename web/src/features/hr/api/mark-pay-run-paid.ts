import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

import { settlePayRun } from './pay-run-refresh';

/** Records an approved run's net pay paid on `on`. */
export const MarkPayRunPaidMutation = graphql(`
  mutation MarkPayRunPaid($id: ID!, $on: NaiveDate!) {
    markPayRunPaid(id: $id, on: $on) {
      id
      correlationId
    }
  }
`);

export function useMarkPayRunPaid(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (on: string) => {
      await execute(MarkPayRunPaidMutation, { id, on });
      await settlePayRun(queryClient, id, (r) => r.status === 'PAID');
    },
  });
}
