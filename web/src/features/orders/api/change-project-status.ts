import { graphql } from '@/gql';
import type { ProjectStatus } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

import { useProjectMutation } from './project-mutation';

export const ChangeProjectStatusMutation = graphql(`
  mutation ChangeProjectStatus($id: ID!, $status: ProjectStatus!, $reason: String, $date: NaiveDate) {
    changeProjectStatus(id: $id, status: $status, reason: $reason, date: $date) {
      id
    }
  }
`);

/** Moves the project through its life cycle (completion releases retention). */
export const useChangeProjectStatus = (projectId: string) =>
  useProjectMutation(projectId, (v: { status: ProjectStatus; reason?: string | null; date?: string | null }) =>
    execute(ChangeProjectStatusMutation, { id: projectId, ...v }),
  );
