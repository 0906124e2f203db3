// What every project command shares: the project's read model is built by a projection
// worker, so after the command is accepted the project (and the list) are read again
// now and a few times in the next seconds, until the change has arrived.

import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';

import { projectKey } from './get-project';
import { projectsKey } from './get-projects';

const SETTLE_MS = [300, 800, 1500, 3000, 6000, 10000];

/** Reads the project (and the list) again now and while the read model catches up. */
export function refreshProject(queryClient: QueryClient, projectId: string | null) {
  const invalidate = () => {
    void queryClient.invalidateQueries({ queryKey: projectsKey });
    if (projectId) void queryClient.invalidateQueries({ queryKey: projectKey(projectId) });
  };
  invalidate();
  for (const ms of SETTLE_MS) window.setTimeout(invalidate, ms);
}

/** A mutation on project `projectId` (`null`: a new project) that refreshes it afterwards. */
export function useProjectMutation<TVariables, TResult>(projectId: string | null, run: (variables: TVariables) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => refreshProject(queryClient, projectId) });
}
