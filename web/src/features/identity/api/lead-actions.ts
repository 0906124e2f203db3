// The lead's life cycle: capture, qualify, disqualify, convert (into an account and a
// contact, and so an opportunity). Each changes the leads; converting also the accounts.

import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { CaptureLeadInput } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

export const CaptureLeadMutation = graphql(`
  mutation CaptureLead($input: CaptureLeadInput!) {
    captureLead(input: $input) {
      id
      correlationId
    }
  }
`);

export const QualifyLeadMutation = graphql(`
  mutation QualifyLead($id: ID!) {
    qualifyLead(id: $id) {
      id
      correlationId
    }
  }
`);

export const DisqualifyLeadMutation = graphql(`
  mutation DisqualifyLead($id: ID!, $reason: String!) {
    disqualifyLead(id: $id, reason: $reason) {
      id
      correlationId
    }
  }
`);

export const ConvertLeadMutation = graphql(`
  mutation ConvertLead($id: ID!) {
    convertLead(id: $id) {
      leadId
      accountId
      contactId
      correlationId
    }
  }
`);

const useLeadMutation = <TVariables, TResult>(run: (variables: TVariables) => Promise<TResult>, alsoAccounts = false) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['identity', 'leads'] });
      if (alsoAccounts) void queryClient.invalidateQueries({ queryKey: ['identity', 'accounts'] });
    },
  });
};

export const useCaptureLead = () => useLeadMutation((input: CaptureLeadInput) => execute(CaptureLeadMutation, { input }));
export const useQualifyLead = () => useLeadMutation((id: string) => execute(QualifyLeadMutation, { id }));
export const useDisqualifyLead = () =>
  useLeadMutation((variables: { id: string; reason: string }) => execute(DisqualifyLeadMutation, variables));
export const useConvertLead = () => useLeadMutation((id: string) => execute(ConvertLeadMutation, { id }), true);
