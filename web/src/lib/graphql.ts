// The one GraphQL client: `POST /graphql` with the session's bearer token. Errors come
// back as `GraphqlRequestError` (with the gateway's `extensions.code`); a missing or
// refused token ends the session, which sends the person to sign-in and back.

import type { TypedDocumentString } from '@/gql/graphql';
import { GraphqlRequestError, SessionEndedError, type GraphqlErrorEntry } from './errors';

export interface GraphqlTransport {
  /** The bearer token, or `null` when the person must sign in (again). */
  getAccessToken(): Promise<string | null>;
  /** Called when the session ended: no token, or the gateway answered 401. */
  onSessionEnded(): void;
}

let transport: GraphqlTransport = {
  getAccessToken: async () => null,
  onSessionEnded: () => undefined,
};

/** Sets how requests get their token and what a 401 does (the auth provider does this). */
export function configureGraphql(next: GraphqlTransport): void {
  transport = next;
}

/** Runs a typed operation and returns its `data`. */
export async function execute<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  ...[variables]: TVariables extends Record<string, never> ? [] : [TVariables]
): Promise<TResult> {
  const token = await transport.getAccessToken();
  if (!token) {
    transport.onSessionEnded();
    throw new SessionEndedError();
  }
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      authorization: `Bearer ${token}`,
    },
    body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
  });
  if (response.status === 401) {
    transport.onSessionEnded();
    throw new SessionEndedError();
  }
  let body: { data?: TResult | null; errors?: GraphqlErrorEntry[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new GraphqlRequestError([], response.status);
  }
  if (body.errors && body.errors.length > 0) {
    throw new GraphqlRequestError(body.errors, response.status);
  }
  if (!response.ok || body.data === undefined || body.data === null) {
    throw new GraphqlRequestError([], response.status);
  }
  return body.data;
}
