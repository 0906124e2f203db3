// Variation orders: propose, approve, reject; each changes the project.

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

import { useProjectMutation } from './project-mutation';

export const ProposeVariationMutation = graphql(`
  mutation ProposeVariation($projectId: ID!, $description: String!, $amount: Rand!, $costCode: String) {
    proposeVariation(projectId: $projectId, description: $description, amount: $amount, costCode: $costCode) {
      id
    }
  }
`);

export const ApproveVariationMutation = graphql(`
  mutation ApproveVariation($projectId: ID!, $number: String!) {
    approveVariation(projectId: $projectId, number: $number) {
      id
    }
  }
`);

export const RejectVariationMutation = graphql(`
  mutation RejectVariation($projectId: ID!, $number: String!, $reason: String!) {
    rejectVariation(projectId: $projectId, number: $number, reason: $reason) {
      id
    }
  }
`);

export const useProposeVariation = (projectId: string) =>
  useProjectMutation(projectId, (v: { description: string; amount: string; costCode?: string | null }) =>
    execute(ProposeVariationMutation, { projectId, ...v }),
  );

export const useApproveVariation = (projectId: string) =>
  useProjectMutation(projectId, (number: string) => execute(ApproveVariationMutation, { projectId, number }));

export const useRejectVariation = (projectId: string) =>
  useProjectMutation(projectId, (v: { number: string; reason: string }) => execute(RejectVariationMutation, { projectId, ...v }));
