import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

export const ReconcileBankLineMutation = graphql(`
  mutation ReconcileBankLine($lineId: ID!, $paymentId: ID!) {
    reconcileBankLine(lineId: $lineId, paymentId: $paymentId) {
      correlationId
    }
  }
`);

/** Matches a bank line to a payment; the reconciliation changes. */
export const useReconcileBankLine = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (variables: { lineId: string; paymentId: string }) => execute(ReconcileBankLineMutation, variables),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['finance', 'bank'] }),
  });
};
