import { MantineProvider } from '@mantine/core';
import { act, cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { AuthProvider } from '@/lib/auth/auth-context';
import { devAuthClient } from '@/lib/auth/dev-client';
import { clearSession, setSession, takeReturnTo } from '@/lib/auth/session';

import { RequireSession } from './require-session';

function renderAt(path: string, onExpired: () => void) {
  return render(
    <MantineProvider>
      <AuthProvider client={devAuthClient()}>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path="/sign-in" element={<p>sign-in page</p>} />
            <Route element={<RequireSession onExpired={onExpired} />}>
              <Route path="/finance/invoices" element={<p>the invoices</p>} />
            </Route>
          </Routes>
        </MemoryRouter>
      </AuthProvider>
    </MantineProvider>,
  );
}

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  clearSession();
});

describe('a page that needs a session', () => {
  it('sends a signed-out person to sign in, remembering the page', () => {
    renderAt('/finance/invoices', () => undefined);
    expect(screen.getByText('sign-in page')).toBeInTheDocument();
    expect(takeReturnTo()).toBe('/finance/invoices');
  });

  it('ends the session when the token expires', () => {
    vi.useFakeTimers();
    setSession({ accessToken: 'token', expiresAt: Date.now() / 1000 + 65, name: 'Naledi' });
    const onExpired = vi.fn();
    renderAt('/finance/invoices', onExpired);
    expect(screen.getByText('the invoices')).toBeInTheDocument();
    act(() => vi.advanceTimersByTime(59_000));
    expect(onExpired).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(2_000));
    expect(onExpired).toHaveBeenCalledOnce();
  });
});
