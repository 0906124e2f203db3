// The work breakdown's commands: add a phase or task, record progress, add a dependency.

import { graphql } from '@/gql';
import type { WorkItemIn } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

import { useProjectMutation } from './project-mutation';

export const AddWorkItemMutation = graphql(`
  mutation AddWorkItem($projectId: ID!, $item: WorkItemIn!) {
    addWorkItem(projectId: $projectId, item: $item) {
      id
    }
  }
`);

export const RecordWorkProgressMutation = graphql(`
  mutation RecordWorkProgress($projectId: ID!, $code: String!, $percentComplete: Decimal!, $actualStart: NaiveDate, $actualFinish: NaiveDate) {
    recordWorkProgress(projectId: $projectId, code: $code, percentComplete: $percentComplete, actualStart: $actualStart, actualFinish: $actualFinish) {
      id
    }
  }
`);

export const AddWorkDependencyMutation = graphql(`
  mutation AddWorkDependency($projectId: ID!, $predecessor: String!, $successor: String!) {
    addWorkDependency(projectId: $projectId, predecessor: $predecessor, successor: $successor) {
      id
    }
  }
`);

export const useAddWorkItem = (projectId: string) =>
  useProjectMutation(projectId, (item: WorkItemIn) => execute(AddWorkItemMutation, { projectId, item }));

export const useRecordWorkProgress = (projectId: string) =>
  useProjectMutation(
    projectId,
    (v: { code: string; percentComplete: string; actualStart?: string | null; actualFinish?: string | null }) =>
      execute(RecordWorkProgressMutation, { projectId, ...v }),
  );

export const useAddWorkDependency = (projectId: string) =>
  useProjectMutation(projectId, (v: { predecessor: string; successor: string }) => execute(AddWorkDependencyMutation, { projectId, ...v }));
