import { describe, expect, it } from 'vitest';

import { describeError, fieldErrors, fieldMessage, GraphqlRequestError, isRetryable } from './errors';

const refusal = (code: string, message: string) => new GraphqlRequestError([{ message, extensions: { code } }], 200);

describe('error codes in plain words', () => {
  it('says which role may not do what', () => {
    expect(describeError(refusal('FORBIDDEN', 'you do not have permission for finance.journals.post'), 'raise invoices')).toBe(
      'Your role may not raise invoices.',
    );
  });

  it('asks to retry a conflict', () => {
    const conflict = refusal('CONFLICT', 'concurrency conflict');
    expect(describeError(conflict)).toMatch(/try again/);
    expect(isRetryable(conflict)).toBe(true);
    expect(isRetryable(refusal('FORBIDDEN', 'no'))).toBe(false);
  });

  it('puts a bad input next to its field', () => {
    expect(fieldMessage('lines[1].description: is required')).toEqual({ field: 'lines[1].description', message: 'Is required.' });
    expect(fieldMessage('line 2: the unit price must be more than nought')).toEqual({
      field: 'lines[1]',
      message: 'The unit price must be more than nought.',
    });
    expect(fieldErrors(refusal('BAD_USER_INPUT', 'vatNumber: must be ten digits starting with 4'))).toEqual({
      vatNumber: 'Must be ten digits starting with 4.',
    });
    expect(fieldErrors(refusal('FORBIDDEN', 'vatNumber: x'))).toEqual({});
  });
});
