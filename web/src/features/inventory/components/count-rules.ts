// What the count, transfer and equipment commands accept, checked before anything is
// sent, exactly (no floating point), as the inventory domain checks them: a counted
// quantity of nought or more with at most 3 decimal places; meter readings of nought or
// more with at most one decimal place; a daily rate in rand and cents; a service interval
// above nought; whole days; dates as YYYY-MM-DD.

import { parseDecimal } from '@/lib/money';

import { QUANTITY_SCALE, type Rule } from './stock-rules';

export const counted: Rule = (value) => {
  const q = parseDecimal(value);
  if (!q || q.digits < 0n) return 'Enter what was counted: nought or more';
  if (q.scale > QUANTITY_SCALE) return 'At most three decimal places';
  return null;
};

export const METER_SCALE = 1;

export const meter: Rule = (value) => {
  const m = parseDecimal(value);
  if (!m || m.digits < 0n) return 'Enter a meter reading of nought or more';
  if (m.scale > METER_SCALE) return 'At most one decimal place';
  return null;
};

export const serviceEvery: Rule = (value) => {
  const m = parseDecimal(value);
  if (!m || m.digits <= 0n) return 'Enter an interval above nought';
  if (m.scale > METER_SCALE) return 'At most one decimal place';
  return null;
};

export const rand: Rule = (value) => {
  const r = parseDecimal(value);
  if (!r || r.digits < 0n) return 'Enter an amount of nought or more, in rand';
  if (r.scale > 2) return 'Rand and cents: at most two decimal places';
  return null;
};

export const days: Rule = (value) => (/^\d+$/.test(value.trim()) && Number(value.trim()) > 0 && Number(value.trim()) <= 36_500 ? null : 'Enter a whole number of days above nought');

export const date: Rule = (value) => (/^\d{4}-\d{2}-\d{2}$/.test(value.trim()) && !Number.isNaN(Date.parse(value.trim())) ? null : 'A date, YYYY-MM-DD');
