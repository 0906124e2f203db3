import { describe, expect, it } from 'vitest';

import { clearSession, getSession, isLive, rememberReturnTo, sessionEnded, setSession, takeReturnTo } from './session';

describe('the session', () => {
  it('keeps the token in sessionStorage until it expires', () => {
    const now = Date.now() / 1000;
    setSession({ accessToken: 'token', expiresAt: now + 3600, name: 'Naledi' });
    expect(getSession()?.accessToken).toBe('token');
    expect(window.sessionStorage.getItem('constructos.session')).toContain('token');
    expect(window.localStorage.length).toBe(0);
    expect(isLive({ accessToken: 't', expiresAt: now + 2, name: 'x' }, now)).toBe(false);
  });

  it('remembers that it ended, unlike a sign-out', () => {
    clearSession(true);
    expect(sessionEnded()).toBe(true);
    expect(getSession()).toBeNull();
    clearSession();
    expect(sessionEnded()).toBe(false);
  });

  it('returns only to a path of this app, once', () => {
    rememberReturnTo('/finance/invoices?raised=1');
    expect(takeReturnTo()).toBe('/finance/invoices?raised=1');
    expect(takeReturnTo()).toBe('/');
    rememberReturnTo('//evil.example/phish');
    expect(takeReturnTo()).toBe('/');
    rememberReturnTo('https://evil.example/');
    expect(takeReturnTo()).toBe('/');
  });
});
