// What the gateway tells the page at start (`GET /app-config.json`): how to sign in.
// One build runs everywhere; the environment decides.

export type AuthConfig =
  | { mode: 'dev' }
  | { mode: 'none' }
  | {
      mode: 'entra';
      tenantId: string;
      clientId: string | null;
      authority: string;
      apiScope: string;
    };

export interface AppConfig {
  auth: AuthConfig;
}

function isAuthConfig(value: unknown): value is AuthConfig {
  if (typeof value !== 'object' || value === null) return false;
  const mode = (value as { mode?: unknown }).mode;
  return mode === 'dev' || mode === 'none' || mode === 'entra';
}

/** Reads the page's configuration from the gateway. */
export async function loadConfig(fetcher: typeof fetch = fetch): Promise<AppConfig> {
  const response = await fetcher('/app-config.json', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`The gateway did not give the page its configuration (HTTP ${response.status}).`);
  const body: unknown = await response.json();
  const auth = (body as { auth?: unknown }).auth;
  if (!isAuthConfig(auth)) throw new Error('The page configuration has no sign-in mode.');
  return { auth };
}
