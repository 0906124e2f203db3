// How ConstructOS shows numbers and dates: rand with two decimals and a space between
// thousands (`R 1 234 567.89`, en-ZA), dates as `YYYY-MM-DD`.

import { parseDecimal, parseRand } from './money';

/** Cents → `R 1 234 567.89` (negative: `-R 1 234.00`). */
export function formatCents(cents: bigint): string {
  const negative = cents < 0n;
  const absolute = negative ? -cents : cents;
  const rand = (absolute / 100n).toString();
  const fraction = (absolute % 100n).toString().padStart(2, '0');
  const grouped = rand.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${negative ? '-' : ''}R ${grouped}.${fraction}`;
}

/** A `Rand` from the API ("1500000.00") → `R 1 500 000.00`; unparseable text as it is. */
export function formatRand(amount: string | null | undefined): string {
  if (amount === null || amount === undefined) return '';
  const cents = parseRand(amount);
  return cents === null ? amount : formatCents(cents);
}

/**
 * A rand amount with more places than cents, e.g. a weighted average unit cost
 * ("88.875" → `R 88.875`, "1234.5" → `R 1 234.50`): at least two decimals, the places
 * it has kept as they are (no rounding); unparseable text as it is.
 */
export function formatRandExact(amount: string | null | undefined): string {
  if (amount === null || amount === undefined) return '';
  const exact = parseDecimal(amount);
  if (!exact) return amount;
  const negative = exact.digits < 0n;
  const scale = Math.max(exact.scale, 2);
  const digits = ((negative ? -exact.digits : exact.digits) * 10n ** BigInt(scale - exact.scale)).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${negative ? '-' : ''}R ${whole}.${digits.slice(digits.length - scale)}`;
}

/** A `DateTime` (RFC 3339) → `YYYY-MM-DD HH:mm` in the browser's time zone. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A date → `YYYY-MM-DD` in the browser's time zone (default today). */
export function isoDate(date: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `YYYY-MM-DD` plus `days` (negative: earlier). */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const date = new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  date.setDate(date.getDate() + days);
  return isoDate(date);
}

/** `SALES_MANAGER` / `ZERO_RATED` → `Sales manager` / `Zero rated`. */
export function humanize(value: string): string {
  const words = value.replace(/[_.]/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
