// The calculator's inputs, checked in the browser before anything is sent: a pay date,
// the month's remuneration in rand (nought or more, at most two decimals), the age on
// the last day of the tax year (0–130) and the members on a medical scheme (0 or more).
// The tax itself — which table, the rebates, the credits — is the server's.

import type { PayeCalculationQueryVariables } from '@/gql/graphql';
import { isoDate } from '@/lib/format';
import { parseRand } from '@/lib/money';

export interface PayeValues {
  payDate: string;
  monthlyRemuneration: string;
  age: string;
  medicalMembers: string;
}

export type PayeField = keyof PayeValues;

export const MAX_AGE = 130;
/** More members than any scheme has; it keeps the number within a GraphQL `Int`. */
export const MAX_MEDICAL_MEMBERS = 999;

export const newPayeValues = (): PayeValues => ({ payDate: isoDate(), monthlyRemuneration: '', age: '', medicalMembers: '0' });

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const WHOLE = /^\d+$/;

function validDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1));
  return date.getUTCFullYear() === y && date.getUTCMonth() + 1 === m && date.getUTCDate() === d;
}

/** What is wrong with each field, by field; empty when it may be sent. */
export function payeProblems(v: PayeValues): Partial<Record<PayeField, string>> {
  const problems: Partial<Record<PayeField, string>> = {};
  const payDate = v.payDate.trim();
  if (!payDate) problems.payDate = 'Required';
  else if (!validDate(payDate)) problems.payDate = 'A date, e.g. 2025-11-25';

  const amount = v.monthlyRemuneration.trim();
  const cents = parseRand(amount);
  if (!amount) problems.monthlyRemuneration = 'Required';
  else if (cents === null) problems.monthlyRemuneration = 'An amount in rand with at most two decimal places, e.g. 30000.00';
  else if (cents < 0n) problems.monthlyRemuneration = 'Nought or more';

  const age = v.age.trim();
  if (!age) problems.age = 'Required';
  else if (!WHOLE.test(age) || Number(age) > MAX_AGE) problems.age = `A whole number of years from 0 to ${MAX_AGE}`;

  const members = v.medicalMembers.trim();
  if (!members) problems.medicalMembers = 'Required (0: not on a medical scheme)';
  else if (!WHOLE.test(members) || Number(members) > MAX_MEDICAL_MEMBERS) problems.medicalMembers = `A whole number, nought or more (at most ${MAX_MEDICAL_MEMBERS})`;
  return problems;
}

/** The query's variables from values that passed `payeProblems`. */
export function payeVariables(v: PayeValues): PayeCalculationQueryVariables {
  return {
    payDate: v.payDate.trim(),
    monthlyRemuneration: v.monthlyRemuneration.trim(),
    age: Number(v.age.trim()),
    medicalMembers: Number(v.medicalMembers.trim()),
  };
}
