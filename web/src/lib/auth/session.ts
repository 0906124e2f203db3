// The signed-in session: the access token lives in memory and in sessionStorage (so a
// reload of the tab keeps it; closing the tab forgets it), never in a URL. Where the
// user was when the session ended is kept the same way, to return there after sign-in.

const TOKEN_KEY = 'constructos.session';
const RETURN_KEY = 'constructos.returnTo';
const ENDED_KEY = 'constructos.ended';

export interface Session {
  accessToken: string;
  /** Seconds since the epoch (the token's `exp`). */
  expiresAt: number;
  name: string;
}

let current: Session | null = null;
const listeners = new Set<() => void>();

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

function isSession(value: unknown): value is Session {
  const v = value as Partial<Session> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.accessToken === 'string' &&
    typeof v.expiresAt === 'number' &&
    typeof v.name === 'string'
  );
}

/** Whether `session` is still valid at `now` (seconds), with a few seconds to spare. */
export function isLive(session: Session | null, now = Date.now() / 1000): session is Session {
  return session !== null && session.expiresAt - 5 > now;
}

/** The session, restored from sessionStorage on first use; `null` when none or expired. */
export function getSession(): Session | null {
  if (current === null) {
    const raw = storage()?.getItem(TOKEN_KEY);
    if (raw) {
      try {
        const parsed: unknown = JSON.parse(raw);
        if (isSession(parsed)) current = parsed;
      } catch {
        storage()?.removeItem(TOKEN_KEY);
      }
    }
  }
  return isLive(current) ? current : null;
}

/** Whether a session existed but has run out (the page then says so on sign-in). */
export function hasExpiredSession(): boolean {
  return current !== null && !isLive(current);
}

export function setSession(session: Session): void {
  current = session;
  storage()?.setItem(TOKEN_KEY, JSON.stringify(session));
  storage()?.removeItem(ENDED_KEY);
  listeners.forEach((listener) => listener());
}

/** Forgets the session; `ended`: it ran out or was refused (sign-in then says so). */
export function clearSession(ended = false): void {
  current = null;
  storage()?.removeItem(TOKEN_KEY);
  if (ended) storage()?.setItem(ENDED_KEY, '1');
  else storage()?.removeItem(ENDED_KEY);
  listeners.forEach((listener) => listener());
}

/** Whether the last session ended by running out or being refused, not by signing out. */
export function sessionEnded(): boolean {
  return storage()?.getItem(ENDED_KEY) === '1';
}

/** Calls `listener` whenever the session changes; returns the unsubscribe. */
export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Remembers where to return after signing in (a path of this app only). */
export function rememberReturnTo(path: string): void {
  if (path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/sign-in')) {
    storage()?.setItem(RETURN_KEY, path);
  }
}

/** Where to go after signing in, once; `/` when nothing was remembered. */
export function takeReturnTo(): string {
  const path = storage()?.getItem(RETURN_KEY);
  storage()?.removeItem(RETURN_KEY);
  return path && path.startsWith('/') && !path.startsWith('//') ? path : '/';
}
