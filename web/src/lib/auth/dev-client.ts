import type { AuthClient } from './client';
import { clearSession, getSession, setSession, subscribe } from './session';
import { mintDevToken } from './dev-sign-in';

/** The development issuer's session: a demo person's token in sessionStorage. */
export function devAuthClient(mode: 'dev' | 'none' = 'dev'): AuthClient & { signInAs(subject: string): Promise<void> } {
  return {
    mode,
    returnedFromSignIn: false,
    isSignedIn: () => getSession() !== null,
    subscribe,
    getAccessToken: async () => getSession()?.accessToken ?? null,
    expiresAt: () => getSession()?.expiresAt ?? null,
    userName: () => getSession()?.name ?? null,
    signOut: async () => clearSession(),
    async signInAs(subject: string) {
      const token = await mintDevToken(subject);
      setSession({ accessToken: token.accessToken, expiresAt: token.expiresAt, name: token.name });
    },
  };
}
