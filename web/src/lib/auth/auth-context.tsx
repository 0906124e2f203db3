import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';

import type { AuthClient } from './client';

const AuthContext = createContext<AuthClient | null>(null);

export function AuthProvider({ client, children }: { client: AuthClient; children: ReactNode }) {
  return <AuthContext.Provider value={client}>{children}</AuthContext.Provider>;
}

/** The page's auth client. */
export function useAuth(): AuthClient {
  const client = useContext(AuthContext);
  if (!client) throw new Error('useAuth outside <AuthProvider>');
  return client;
}

/** Whether someone is signed in, re-rendering when that changes. */
export function useSignedIn(): boolean {
  const client = useAuth();
  return useSyncExternalStore(client.subscribe, client.isSignedIn, client.isSignedIn);
}
