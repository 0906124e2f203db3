import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

import { settlePayRun } from './pay-run-refresh';

/** Approves a calculated run (not by whoever calculated it); finance posts the journal. */
export const ApprovePayRunMutation = graphql(`
  mutation ApprovePayRun($id: ID!) {
    approvePayRun(id: $id) {
      id
      correlationId
    }
  }
`);

export function useApprovePayRun(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await execute(ApprovePayRunMutation, { id });
      await settlePayRun(queryClient, id, (r) => r.status === 'APPROVED');
    },
  });
}
