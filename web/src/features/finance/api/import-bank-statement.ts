import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

export const ImportBankStatementMutation = graphql(`
  mutation ImportBankStatement($csv: String!, $fileName: String!) {
    importBankStatement(csv: $csv, fileName: $fileName) {
      statementId
      imported
      duplicates
      reconciled
      correlationId
    }
  }
`);

/** Imports a bank statement (CSV); the bank lines and the reconciliation change. */
export const useImportBankStatement = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (variables: { csv: string; fileName: string }) => execute(ImportBankStatementMutation, variables),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['finance', 'bank'] }),
  });
};
