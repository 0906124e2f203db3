import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { OpenPayRunMutationVariables } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

import { settlePayRun } from './pay-run-refresh';

/**
 * Opens a draft run: monthly for a calendar month, weekly Monday to Sunday; the pay
 * date's tax year must have its SARS table (2025 and 2026 only).
 */
export const OpenPayRunMutation = graphql(`
  mutation OpenPayRun($frequency: PayFrequency!, $periodStart: NaiveDate!, $periodEnd: NaiveDate!, $payDate: NaiveDate!) {
    openPayRun(frequency: $frequency, periodStart: $periodStart, periodEnd: $periodEnd, payDate: $payDate) {
      id
      correlationId
    }
  }
`);

/** Opens a run; answers its id once the run can be read. */
export function useOpenPayRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (variables: OpenPayRunMutationVariables) => {
      const { openPayRun } = await execute(OpenPayRunMutation, variables);
      await settlePayRun(queryClient, openPayRun.id, () => true);
      return openPayRun.id;
    },
  });
}
