// How the page signs in, whatever the identity provider: the development issuer
// (`dev-client.ts`) or Entra ID through MSAL (`entra-client.ts`, loaded only then).

export interface AuthClient {
  readonly mode: 'dev' | 'entra' | 'none';
  /** Whether someone is signed in (their token may still need renewing). */
  isSignedIn(): boolean;
  /** Calls `listener` when signing in or out changes `isSignedIn`. */
  subscribe(listener: () => void): () => void;
  /** A bearer token for the API, renewed if needed; `null` when they must sign in. */
  getAccessToken(): Promise<string | null>;
  /** When the current token runs out (seconds since the epoch), if known. */
  expiresAt(): number | null;
  /** The signed-in person's name. */
  userName(): string | null;
  /** Forgets the session (the page then shows sign-in). */
  signOut(): Promise<void>;
  /** Set after a sign-in that returned to the page (Entra ID's redirect). */
  readonly returnedFromSignIn: boolean;
}
