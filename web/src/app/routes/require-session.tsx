// Everything but sign-in needs a session: without one, remember where the person was
// and send them to sign in; when a development token runs out, do the same then.

import { useEffect } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';

import { useAuth, useSignedIn } from '@/lib/auth/auth-context';
import { rememberReturnTo, sessionEnded } from '@/lib/auth/session';

export function RequireSession({ onExpired }: { onExpired: () => void }) {
  const signedIn = useSignedIn();
  const auth = useAuth();
  const location = useLocation();
  const expiresAt = signedIn ? auth.expiresAt() : null;

  useEffect(() => {
    if (expiresAt === null || auth.mode === 'entra') return;
    const ms = Math.max(0, expiresAt * 1000 - Date.now() - 5000);
    const timer = window.setTimeout(onExpired, Math.min(ms, 2 ** 31 - 1));
    return () => window.clearTimeout(timer);
  }, [expiresAt, auth.mode, onExpired]);

  if (!signedIn) {
    rememberReturnTo(location.pathname + location.search);
    return <Navigate to={sessionEnded() ? '/sign-in?ended=1' : '/sign-in'} replace />;
  }
  return <Outlet />;
}
