// Entra ID through MSAL (loaded only when the gateway says `mode: entra`). The cache is
// sessionStorage (MSAL's own), tokens are requested for the API scope the gateway
// names, and renewal is silent; when it cannot be, the person signs in again.

import {
  InteractionRequiredAuthError,
  PublicClientApplication,
  type AccountInfo,
  type Configuration,
} from '@azure/msal-browser';

import type { AuthClient } from './client';

export interface EntraSettings {
  clientId: string;
  authority: string;
  apiScope: string;
}

export type EntraAuthClient = AuthClient & {
  readonly msal: PublicClientApplication;
  signIn(): Promise<void>;
};

/** Starts MSAL, finishes a sign-in redirect if this page load is one, and returns the client. */
export async function entraAuthClient(settings: EntraSettings): Promise<EntraAuthClient> {
  const configuration: Configuration = {
    auth: {
      clientId: settings.clientId,
      authority: settings.authority,
      redirectUri: `${window.location.origin}/`,
      postLogoutRedirectUri: `${window.location.origin}/sign-in`,
    },
    cache: { cacheLocation: 'sessionStorage' },
  };
  const msal = new PublicClientApplication(configuration);
  await msal.initialize();
  const redirect = await msal.handleRedirectPromise();
  if (redirect?.account) msal.setActiveAccount(redirect.account);
  const account = (): AccountInfo | null => msal.getActiveAccount() ?? msal.getAllAccounts()[0] ?? null;
  const listeners = new Set<() => void>();
  let expiresOn: number | null = null;
  msal.addEventCallback(() => listeners.forEach((listener) => listener()));
  const scopes = [settings.apiScope];
  return {
    mode: 'entra',
    msal,
    returnedFromSignIn: redirect !== null,
    isSignedIn: () => account() !== null,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async getAccessToken() {
      const who = account();
      if (!who) return null;
      try {
        const result = await msal.acquireTokenSilent({ scopes, account: who });
        expiresOn = result.expiresOn ? Math.floor(result.expiresOn.getTime() / 1000) : null;
        return result.accessToken;
      } catch (error) {
        if (error instanceof InteractionRequiredAuthError) return null;
        throw error;
      }
    },
    expiresAt: () => expiresOn,
    userName: () => account()?.name ?? account()?.username ?? null,
    async signOut() {
      const who = account();
      await msal.logoutRedirect(who ? { account: who } : undefined);
    },
    async signIn() {
      await msal.loginRedirect({ scopes });
    },
  };
}
