// Moving an opportunity through the pipeline; each changes the opportunities.

import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { OpportunityStage } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

export const MoveOpportunityStageMutation = graphql(`
  mutation MoveOpportunityStage($id: ID!, $stage: OpportunityStage!) {
    moveOpportunityStage(id: $id, stage: $stage) {
      id
    }
  }
`);

export const WinOpportunityMutation = graphql(`
  mutation WinOpportunity($id: ID!) {
    winOpportunity(id: $id) {
      id
    }
  }
`);

export const LoseOpportunityMutation = graphql(`
  mutation LoseOpportunity($id: ID!, $reason: String!) {
    loseOpportunity(id: $id, reason: $reason) {
      id
    }
  }
`);

const useOpportunityMutation = <TVariables, TResult>(run: (variables: TVariables) => Promise<TResult>) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['sales', 'opportunities'] }),
  });
};

export const useMoveOpportunityStage = () =>
  useOpportunityMutation((v: { id: string; stage: OpportunityStage }) => execute(MoveOpportunityStageMutation, v));
export const useWinOpportunity = () => useOpportunityMutation((id: string) => execute(WinOpportunityMutation, { id }));
export const useLoseOpportunity = () =>
  useOpportunityMutation((v: { id: string; reason: string }) => execute(LoseOpportunityMutation, v));
