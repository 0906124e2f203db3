// What follows a command whose effect is read from a projection: the command is answered
// before its effect can be read, so `read` is asked every 700 ms until `settled` says the
// change shows, for at most 30 seconds. `waitUntil` answers whether it showed (for a
// mutation that stays pending until then); `pollUntil` runs the same in the background
// and then invalidates `keys`, so every screen showing them asks again.

import type { QueryClient, QueryKey } from '@tanstack/react-query';

const EVERY_MS = 700;
const AT_MOST_MS = 30_000;

/** Resolves `true` once `settled(await read())`, or `false` when the time is up. */
export async function waitUntil<T>(read: () => Promise<T>, settled: (data: T) => boolean, atMostMs = AT_MOST_MS): Promise<boolean> {
  const started = Date.now();
  for (;;) {
    try {
      if (settled(await read())) return true;
    } catch {
      // Asked again below, until the time is up.
    }
    if (Date.now() - started >= atMostMs) return false;
    await new Promise((resolve) => window.setTimeout(resolve, EVERY_MS));
  }
}

export function pollUntil<T>(queryClient: QueryClient, read: () => Promise<T>, settled: (data: T) => boolean, keys: readonly QueryKey[]) {
  void waitUntil(read, settled).then(() => Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey }))));
}
