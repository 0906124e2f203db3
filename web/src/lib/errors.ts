// The gateway's error codes (`extensions.code`) as plain words for the person at the
// screen. `BAD_USER_INPUT` messages usually name the field first ("lines[0].quantity: …"),
// so forms can show them next to that field.

export interface GraphqlErrorEntry {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

/** A request the gateway answered with errors (or a refusal status). */
export class GraphqlRequestError extends Error {
  readonly code: string;
  readonly errors: GraphqlErrorEntry[];
  readonly status: number;

  constructor(errors: GraphqlErrorEntry[], status: number) {
    const first = errors[0];
    super(first?.message ?? `HTTP ${status}`);
    this.name = 'GraphqlRequestError';
    this.errors = errors;
    this.status = status;
    this.code = first?.extensions?.code ?? (status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL');
  }
}

/** The session has ended (no token, expired, or the gateway answered 401). */
export class SessionEndedError extends Error {
  constructor() {
    super('Your session has ended. Please sign in again.');
    this.name = 'SessionEndedError';
  }
}

/** What to tell the person, for an error of any kind; `action` says what they were doing. */
export function describeError(error: unknown, action = 'do this'): string {
  if (error instanceof SessionEndedError) return error.message;
  if (error instanceof GraphqlRequestError) {
    switch (error.code) {
      case 'FORBIDDEN':
        return `Your role may not ${action}.`;
      case 'CONFLICT':
        return 'Someone changed this at the same time. Please try again.';
      case 'BAD_USER_INPUT':
        return fieldMessage(error.message).message;
      case 'NOT_FOUND':
        return 'It was not found: it may not exist, or it is not yours to see.';
      case 'RATE_LIMITED':
        return 'Too many requests: wait a moment and try again.';
      case 'TIMEOUT':
        return 'The server took too long to answer. Please try again.';
      case 'UNAUTHENTICATED':
        return 'Your session has ended. Please sign in again.';
      default:
        return 'Something went wrong on the server. Please try again; if it keeps happening, tell support.';
    }
  }
  if (error instanceof TypeError) return 'The server could not be reached. Check your connection and try again.';
  return error instanceof Error ? error.message : 'Something went wrong.';
}

/** Whether trying again may help (a conflict, a time-out, a rate limit). */
export function isRetryable(error: unknown): boolean {
  return error instanceof GraphqlRequestError && ['CONFLICT', 'TIMEOUT', 'RATE_LIMITED'].includes(error.code);
}

/** `"lines[1].quantity: must be positive"` → field `lines[1].quantity`, message `must be positive`. */
export function fieldMessage(message: string): { field: string | null; message: string } {
  // The finance domain names invoice lines from one: "line 2: the unit price must be …".
  const line = /^line (\d+): (.+)$/s.exec(message);
  if (line && line[1] && line[2]) return { field: `lines[${Number(line[1]) - 1}]`, message: sentence(line[2]) };
  const match = /^([A-Za-z][A-Za-z0-9_]*(?:\[\d+\])?(?:\.[A-Za-z][A-Za-z0-9_]*(?:\[\d+\])?)*): (.+)$/s.exec(message);
  if (!match || !match[1] || !match[2]) return { field: null, message: sentence(message) };
  return { field: match[1], message: sentence(match[2]) };
}

/** The field-level messages of a `BAD_USER_INPUT` error, by field. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof GraphqlRequestError) || error.code !== 'BAD_USER_INPUT') return {};
  const fields: Record<string, string> = {};
  for (const entry of error.errors) {
    const { field, message } = fieldMessage(entry.message);
    if (field) fields[field] = message;
  }
  return fields;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return trimmed;
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
