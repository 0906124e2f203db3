import { afterEach, describe, expect, it, vi } from 'vitest';

import { MeQuery } from '@/lib/permissions/get-me';

import { GraphqlRequestError, SessionEndedError } from './errors';
import { configureGraphql, execute } from './graphql';

function answer(status: number, body: unknown) {
  return vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
}

afterEach(() => vi.unstubAllGlobals());

describe('the GraphQL client', () => {
  it('sends the operation with the bearer token in a header, never in the URL', async () => {
    const fetch = answer(200, { data: { me: { subject: 'naledi.finance' } } });
    vi.stubGlobal('fetch', fetch);
    configureGraphql({ getAccessToken: async () => 'the-token', onSessionEnded: vi.fn() });
    const data = await execute(MeQuery);
    expect(data.me.subject).toBe('naledi.finance');
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/graphql');
    expect((init.headers as Record<string, string>).authorization).toBe('Bearer the-token');
    expect(JSON.parse(init.body as string).query).toContain('query Me');
  });

  it('gives the gateway’s error code to the screen', async () => {
    vi.stubGlobal('fetch', answer(200, { data: null, errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }] }));
    configureGraphql({ getAccessToken: async () => 't', onSessionEnded: vi.fn() });
    await expect(execute(MeQuery)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(execute(MeQuery)).rejects.toBeInstanceOf(GraphqlRequestError);
  });

  it('ends the session on a 401 or without a token', async () => {
    vi.stubGlobal('fetch', answer(401, { errors: [{ message: 'unauthenticated', extensions: { code: 'UNAUTHENTICATED' } }] }));
    const ended = vi.fn();
    configureGraphql({ getAccessToken: async () => 'expired', onSessionEnded: ended });
    await expect(execute(MeQuery)).rejects.toBeInstanceOf(SessionEndedError);
    expect(ended).toHaveBeenCalledOnce();

    const fetch = answer(200, {});
    vi.stubGlobal('fetch', fetch);
    configureGraphql({ getAccessToken: async () => null, onSessionEnded: ended });
    await expect(execute(MeQuery)).rejects.toBeInstanceOf(SessionEndedError);
    expect(ended).toHaveBeenCalledTimes(2);
    expect(fetch).not.toHaveBeenCalled();
  });
});
