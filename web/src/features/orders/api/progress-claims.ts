// Progress claims: submit (orders.claims.write), approve or reject (orders.claims.approve).

import { graphql } from '@/gql';
import type { ClaimLineIn } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

import { useProjectMutation } from './project-mutation';

export const SubmitProgressClaimMutation = graphql(`
  mutation SubmitProgressClaim($projectId: ID!, $periodEnd: NaiveDate!, $lines: [ClaimLineIn!]!) {
    submitProgressClaim(projectId: $projectId, periodEnd: $periodEnd, lines: $lines) {
      id
    }
  }
`);

export const ApproveProgressClaimMutation = graphql(`
  mutation ApproveProgressClaim($projectId: ID!, $claimId: ID!, $date: NaiveDate) {
    approveProgressClaim(projectId: $projectId, claimId: $claimId, date: $date) {
      id
    }
  }
`);

export const RejectProgressClaimMutation = graphql(`
  mutation RejectProgressClaim($projectId: ID!, $claimId: ID!, $reason: String!) {
    rejectProgressClaim(projectId: $projectId, claimId: $claimId, reason: $reason) {
      id
    }
  }
`);

export const useSubmitProgressClaim = (projectId: string) =>
  useProjectMutation(projectId, (v: { periodEnd: string; lines: ClaimLineIn[] }) => execute(SubmitProgressClaimMutation, { projectId, ...v }));

export const useApproveProgressClaim = (projectId: string) =>
  useProjectMutation(projectId, (claimId: string) => execute(ApproveProgressClaimMutation, { projectId, claimId }));

export const useRejectProgressClaim = (projectId: string) =>
  useProjectMutation(projectId, (v: { claimId: string; reason: string }) => execute(RejectProgressClaimMutation, { projectId, ...v }));
