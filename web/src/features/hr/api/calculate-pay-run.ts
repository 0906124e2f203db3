import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { PayRunFieldsFragment } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

import { settlePayRun } from './pay-run-refresh';

/**
 * Calculates (again, until approved) every employee of the run's frequency employed in
 * its period; answers the payslips made and who was left out, and why.
 */
export const CalculatePayRunMutation = graphql(`
  mutation CalculatePayRun($id: ID!) {
    calculatePayRun(id: $id) {
      id
      payslips
      skipped
      correlationId
    }
  }
`);

/** Calculates `run` (as shown); answers what the calculation did once the run shows it. */
export function useCalculatePayRun(run: Pick<PayRunFieldsFragment, 'id' | 'updatedAt'>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const { calculatePayRun } = await execute(CalculatePayRunMutation, { id: run.id });
      await settlePayRun(queryClient, run.id, (r) => r.status === 'CALCULATED' && r.updatedAt !== run.updatedAt);
      return calculatePayRun;
    },
  });
}
