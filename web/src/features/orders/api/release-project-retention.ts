import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

import { useProjectMutation } from './project-mutation';

export const ReleaseProjectRetentionMutation = graphql(`
  mutation ReleaseProjectRetention($projectId: ID!, $amount: Rand!, $date: NaiveDate) {
    releaseProjectRetention(projectId: $projectId, amount: $amount, date: $date) {
      id
    }
  }
`);

/** Releases retention by hand (from practical completion on); finance invoices it. */
export const useReleaseProjectRetention = (projectId: string) =>
  useProjectMutation(projectId, (v: { amount: string; date?: string | null }) => execute(ReleaseProjectRetentionMutation, { projectId, ...v }));
