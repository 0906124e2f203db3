// Start: read how to sign in from the gateway, load MSAL only for Entra ID, render.

import '@mantine/core/styles.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App, createAppRuntime } from '@/app/app';
import type { AuthClient } from '@/lib/auth/client';
import { devAuthClient } from '@/lib/auth/dev-client';
import { loadConfig } from '@/lib/config';

async function authClient(): Promise<AuthClient> {
  const config = await loadConfig();
  if (config.auth.mode === 'entra') {
    if (!config.auth.clientId) {
      throw new Error('Entra ID is configured without the web app’s client id (CONSTRUCTOS_WEB_CLIENT_ID).');
    }
    const { entraAuthClient } = await import('@/lib/auth/entra-client');
    return entraAuthClient({
      clientId: config.auth.clientId,
      authority: config.auth.authority,
      apiScope: config.auth.apiScope,
    });
  }
  return devAuthClient(config.auth.mode);
}

const root = createRoot(document.getElementById('root') as HTMLElement);
authClient()
  .then(async (client) => {
    const runtime = createAppRuntime(client);
    const app = <App runtime={runtime} />;
    if (client.mode === 'entra' && 'msal' in client) {
      // MSAL React's provider, so screens may use its hooks (useMsal, useIsAuthenticated).
      const { MsalProvider } = await import('@azure/msal-react');
      const msal = (client as import('@/lib/auth/entra-client').EntraAuthClient).msal;
      root.render(
        <StrictMode>
          <MsalProvider instance={msal}>{app}</MsalProvider>
        </StrictMode>,
      );
      return;
    }
    root.render(<StrictMode>{app}</StrictMode>);
  })
  .catch((error: unknown) => {
    const message = document.createElement('p');
    message.setAttribute('role', 'alert');
    message.style.font = '16px system-ui, sans-serif';
    message.style.padding = '2rem';
    message.textContent = `ConstructOS could not start: ${error instanceof Error ? error.message : String(error)}`;
    document.getElementById('root')?.replaceChildren(message);
  });
