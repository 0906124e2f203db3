// Renders a component as the app would: Mantine, a fresh query client, a router at
// `path`, and the given permissions.

import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';

import { PermissionsProvider } from '@/lib/permissions/authorization';

export function renderWithApp(ui: ReactNode, { permissions = [] as string[], path = '/' } = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <MantineProvider>
      <QueryClientProvider client={queryClient}>
        <MemoryRouter initialEntries={[path]}>
          <PermissionsProvider permissions={permissions}>{ui}</PermissionsProvider>
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
}
