// The words for HR's enums, and the dates and numbers its screens check before sending.

import type { AnnualLeaveBasis, BankAccountType, EmploymentType, LeaveKind, PayFrequency } from '@/gql/graphql';
import { formatDecimal, parseDecimal } from '@/lib/money';

export const LEAVE_KINDS: readonly { value: LeaveKind; label: string }[] = [
  { value: 'ANNUAL', label: 'Annual' },
  { value: 'SICK', label: 'Sick' },
  { value: 'FAMILY_RESPONSIBILITY', label: 'Family responsibility' },
  { value: 'MATERNITY', label: 'Maternity' },
  { value: 'UNPAID', label: 'Unpaid' },
];

export const EMPLOYMENT_TYPES: readonly { value: EmploymentType; label: string }[] = [
  { value: 'PERMANENT', label: 'Permanent (monthly)' },
  { value: 'FIXED_TERM', label: 'Fixed term (monthly)' },
  { value: 'WEEKLY_SITE_LABOUR', label: 'Weekly site labour (hours on timesheets)' },
];

export const LEAVE_BASES: readonly { value: AnnualLeaveBasis; label: string }[] = [
  { value: 'PER_CYCLE', label: 'Three weeks a cycle' },
  { value: 'PER_DAYS_WORKED', label: 'One day per 17 worked' },
];

export const BANK_ACCOUNT_TYPES: readonly { value: BankAccountType; label: string }[] = [
  { value: 'CHEQUE', label: 'Cheque' },
  { value: 'SAVINGS', label: 'Savings' },
  { value: 'TRANSMISSION', label: 'Transmission' },
];

export const PAY_FREQUENCIES: readonly { value: PayFrequency; label: string }[] = [
  { value: 'MONTHLY', label: 'Monthly' },
  { value: 'WEEKLY', label: 'Weekly' },
];

const label = <T extends string>(list: readonly { value: T; label: string }[], value: T | null | undefined) =>
  value ? (list.find((i) => i.value === value)?.label ?? value) : '—';

export const leaveKindLabel = (v: LeaveKind | null | undefined) => label(LEAVE_KINDS, v);
export const employmentTypeLabel = (v: EmploymentType | null | undefined) => label(EMPLOYMENT_TYPES, v);
export const leaveBasisLabel = (v: AnnualLeaveBasis | null | undefined) => label(LEAVE_BASES, v);
export const bankAccountTypeLabel = (v: BankAccountType | null | undefined) => label(BANK_ACCOUNT_TYPES, v);
export const frequencyLabel = (v: PayFrequency | null | undefined) => label(PAY_FREQUENCIES, v);

/** The tax years whose SARS tables the server has (1 March to the end of February). */
export const TAX_YEARS = [2025, 2026] as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `text` is a real `YYYY-MM-DD` date. */
export function validDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1));
  return date.getUTCFullYear() === y && date.getUTCMonth() + 1 === m && date.getUTCDate() === d;
}

/** 0 for Sunday … 6 for Saturday, of a valid `YYYY-MM-DD`. */
export function weekday(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).getUTCDay();
}

/** `YYYY-MM-DD` plus `days` (calendar arithmetic in UTC, so no time zone shifts it). */
export function plusDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days));
  return date.toISOString().slice(0, 10);
}

/** The Monday on or before a date. */
export function mondayOf(iso: string): string {
  return plusDays(iso, -((weekday(iso) + 6) % 7));
}

/** The last day of the month a date falls in. */
export function endOfMonth(iso: string): string {
  const [y, m] = iso.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, m ?? 1, 0)).toISOString().slice(0, 10);
}

/** A `Decimal` from the API without trailing zeros ("45.00" → "45"); other text as it is. */
export function plainDecimal(value: string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const exact = parseDecimal(value);
  return exact ? formatDecimal(exact) : value;
}

/** The server's refusals by field, with `input.` dropped ("input.idNumber" → "idNumber"). */
export function withoutInput(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([field, message]) => [field.replace(/^input\./, ''), message]));
}
