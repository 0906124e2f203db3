// The providers: Mantine (theme), TanStack Query (all server state), the auth client and
// the router. A session that ends (401, expiry, no token) sends the person to sign-in,
// remembering where they were.

import { MantineProvider, createTheme } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';

import { AuthProvider } from '@/lib/auth/auth-context';
import type { AuthClient } from '@/lib/auth/client';
import { clearSession, rememberReturnTo, takeReturnTo } from '@/lib/auth/session';
import { GraphqlRequestError, SessionEndedError } from '@/lib/errors';
import { configureGraphql } from '@/lib/graphql';

import { createRouter } from './router';

const theme = createTheme({
  primaryColor: 'blue',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
});

function retry(failures: number, error: unknown): boolean {
  if (error instanceof SessionEndedError) return false;
  if (error instanceof GraphqlRequestError && !['TIMEOUT', 'INTERNAL'].includes(error.code)) return false;
  return failures < 2;
}

/** The query client and router of one page load, wired to `client`. */
export function createAppRuntime(client: AuthClient) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry, refetchOnWindowFocus: false, staleTime: 15_000 } },
  });
  let ending = false;
  const endSession = () => {
    if (ending || window.location.pathname === '/sign-in') return;
    ending = true;
    rememberReturnTo(window.location.pathname + window.location.search);
    if (client.mode !== 'entra') clearSession(true);
    queryClient.clear();
    void router.navigate('/sign-in?ended=1', { replace: true }).finally(() => {
      ending = false;
    });
  };
  configureGraphql({ getAccessToken: () => client.getAccessToken(), onSessionEnded: endSession });
  const router = createRouter(endSession);
  if (client.returnedFromSignIn) void router.navigate(takeReturnTo(), { replace: true });
  return { client, queryClient, router };
}

export type AppRuntime = ReturnType<typeof createAppRuntime>;

export function App({ runtime }: { runtime: AppRuntime }) {
  return (
    <MantineProvider theme={theme}>
      <QueryClientProvider client={runtime.queryClient}>
        <AuthProvider client={runtime.client}>
          <RouterProvider router={runtime.router} />
        </AuthProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
