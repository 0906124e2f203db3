import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { RaiseInvoiceInput } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

export const RaiseInvoiceMutation = graphql(`
  mutation RaiseInvoice($input: RaiseInvoiceInput!) {
    raiseInvoice(input: $input) {
      id
      number
      correlationId
    }
  }
`);

/** Raises an invoice; the invoice list (and the aged debtors) change. */
export const useRaiseInvoice = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RaiseInvoiceInput) => execute(RaiseInvoiceMutation, { input }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['finance', 'invoices'] });
      void queryClient.invalidateQueries({ queryKey: ['finance', 'aged'] });
    },
  });
};
