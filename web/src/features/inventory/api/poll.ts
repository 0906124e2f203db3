// What follows a command whose effect is read from a projection: the command is answered
// before its effect can be read, so `read` is asked every 700 ms until `settled` says the
// change shows, for at most 30 seconds; then `keys` are invalidated, so every screen
// showing them asks again.

import type { QueryClient, QueryKey } from '@tanstack/react-query';

const EVERY_MS = 700;
const AT_MOST_MS = 30_000;

export function pollUntil<T>(queryClient: QueryClient, read: () => Promise<T>, settled: (data: T) => boolean, keys: readonly QueryKey[]) {
  const started = Date.now();
  const poll = async () => {
    let done = false;
    try {
      done = settled(await read());
    } catch {
      // Asked again below, until the time is up.
    }
    if (done || Date.now() - started >= AT_MOST_MS) {
      await Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      return;
    }
    window.setTimeout(() => void poll(), EVERY_MS);
  };
  void poll();
}
