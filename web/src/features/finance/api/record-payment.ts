import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { RecordPaymentInput } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

export const RecordPaymentMutation = graphql(`
  mutation RecordPayment($input: RecordPaymentInput!) {
    recordPayment(input: $input) {
      id
      correlationId
    }
  }
`);

/** Records money received or paid (optionally allocated); payments, open documents and the aged reports change. */
export const useRecordPayment = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RecordPaymentInput) => execute(RecordPaymentMutation, { input }),
    onSuccess: () => {
      for (const key of ['payments', 'invoices', 'bills', 'aged', 'bank']) {
        void queryClient.invalidateQueries({ queryKey: ['finance', key] });
      }
    },
  });
};
