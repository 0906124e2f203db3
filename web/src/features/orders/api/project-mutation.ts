// What every project command shares: the project's read model is built by a projection
// worker, so a command is answered before its change can be read. After it is accepted
// the project is read again every 700 ms until what is read differs from what was
// shown before (the change has arrived), for at most 30 seconds, and then twice more:
// the project's parts (claims, figures, …) are read side by side, so one may show the
// change a moment before another. The list is read again a few times likewise.

import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';

import { projectKey } from './get-project';
import { projectsKey } from './get-projects';

const EVERY_MS = 700;
const AT_MOST_MS = 30_000;
const LIST_MS = [300, 1500, 4000, 10_000];
/** Reads after the change first shows, so every part of the project has it. */
const SETTLE_READS = 2;

/** Reads the project (and the list) again until the read model has caught up. */
export function refreshProject(queryClient: QueryClient, projectId: string | null, before?: string) {
  void queryClient.invalidateQueries({ queryKey: projectsKey });
  for (const ms of LIST_MS) window.setTimeout(() => void queryClient.invalidateQueries({ queryKey: projectsKey }), ms);
  if (!projectId) return;
  const key = projectKey(projectId);
  const started = Date.now();
  const poll = async (settling: number) => {
    await queryClient.invalidateQueries({ queryKey: key });
    const now = JSON.stringify(queryClient.getQueryData(key) ?? null);
    if (now === before && Date.now() - started < AT_MOST_MS) {
      window.setTimeout(() => void poll(settling), EVERY_MS);
    } else if (now !== before && settling > 0) {
      window.setTimeout(() => void poll(settling - 1), EVERY_MS);
    }
  };
  void poll(SETTLE_READS);
}

/** A mutation on project `projectId` (`null`: a new project) that refreshes it afterwards. */
export function useProjectMutation<TVariables, TResult>(projectId: string | null, run: (variables: TVariables) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onMutate: () => (projectId ? JSON.stringify(queryClient.getQueryData(projectKey(projectId)) ?? null) : undefined),
    onSuccess: (_data, _variables, before) => refreshProject(queryClient, projectId, before),
  });
}
