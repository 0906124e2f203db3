// What every order command shares: the orders' read model is built by a projection
// worker, so a command is answered before its change can be read. After it is accepted
// the order is read again every 700 ms until what is read shows the command's effect —
// the state `settled` asks for, or else anything different from what was shown before
// (another read model may change the page meanwhile, so a command that sets a status
// names it) — for at most 30 seconds; the lists a few times likewise.

import { useMutation, useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';

const EVERY_MS = 700;
const AT_MOST_MS = 30_000;
const LIST_MS = [300, 1500, 4000, 10_000];

/** Reads `list` again a few times and `detail` until `settled` holds (or, without it, until it shows a change). */
export function refreshOrder(
  queryClient: QueryClient,
  list: QueryKey,
  detail: QueryKey | null,
  before?: string,
  settled?: (data: unknown) => boolean,
) {
  void queryClient.invalidateQueries({ queryKey: list });
  for (const ms of LIST_MS) window.setTimeout(() => void queryClient.invalidateQueries({ queryKey: list }), ms);
  if (!detail) return;
  const started = Date.now();
  const poll = async () => {
    await queryClient.invalidateQueries({ queryKey: detail, exact: true });
    const data = queryClient.getQueryData(detail);
    const done = settled ? settled(data) : JSON.stringify(data ?? null) !== before;
    if (!done && Date.now() - started < AT_MOST_MS) window.setTimeout(() => void poll(), EVERY_MS);
  };
  void poll();
}

/** A mutation on the order under `detail` (`null`: a new order) that refreshes it and `list` until `settled`. */
export function useOrderMutation<TVariables, TResult>(
  list: QueryKey,
  detail: QueryKey | null,
  run: (variables: TVariables) => Promise<TResult>,
  settled?: (data: unknown) => boolean,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onMutate: () => (detail ? JSON.stringify(queryClient.getQueryData(detail) ?? null) : undefined),
    onSuccess: (_data, _variables, before) => refreshOrder(queryClient, list, detail, before, settled),
  });
}
