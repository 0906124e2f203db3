// What the stock commands accept, checked before anything is sent (exact decimals, no
// floating point), as the inventory domain checks them (`domain/src/inventory/quantity.rs`,
// `domain/src/values/text.rs`): quantities above nought with at most 3 decimal places, unit
// costs of nought or more with at most 4, a signed adjustment that is not nought, codes of
// at most 40 characters, references and purposes of at most 100, a note of at most 500.

import { parseDecimal } from '@/lib/money';

/** What is wrong with a value (null: nothing); called only for non-blank values. */
export type Rule = (value: string) => string | null;

export const QUANTITY_SCALE = 3;
export const UNIT_COST_SCALE = 4;

export const quantity: Rule = (value) => {
  const q = parseDecimal(value);
  if (!q || q.digits <= 0n) return 'Enter a quantity above nought';
  if (q.scale > QUANTITY_SCALE) return 'At most three decimal places';
  return null;
};

export const unitCost: Rule = (value) => {
  const c = parseDecimal(value);
  if (!c || c.digits < 0n) return 'Enter a cost of nought or more, in rand';
  if (c.scale > UNIT_COST_SCALE) return 'At most four decimal places';
  return null;
};

export const delta: Rule = (value) => {
  const d = parseDecimal(value);
  if (!d) return 'Enter a signed quantity, e.g. -2 (short) or 5 (found)';
  if (d.digits === 0n) return 'An adjustment must change the quantity';
  if (d.scale > QUANTITY_SCALE) return 'At most three decimal places';
  return null;
};

const oneLine = (max: number): Rule => (value) => {
  if (/[\r\n]/.test(value)) return 'One line only';
  return value.trim().length > max ? `At most ${max} characters` : null;
};

export const code = oneLine(40);
export const reference = oneLine(100);
export const note: Rule = (value) => (value.trim().length > 500 ? 'At most 500 characters' : null);

/** A reservation id is a UUID (optional on an issue). */
export const reservationId: Rule = (value) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value.trim()) ? null : 'A reservation id is a UUID, as reserving answered it';

// The catalogue's entries, as `domain/src/inventory/product/mod.rs` checks them: prices
// of nought or more with at most 4 decimal places (the unit cost rule), reorder levels
// and quantities of nought or more with at most 3, a conversion factor above nought with
// at most 6, a description of at most 200 characters on one line.

export const FACTOR_SCALE = 6;

export const level: Rule = (value) => {
  const q = parseDecimal(value);
  if (!q || q.digits < 0n) return 'Enter a quantity of nought or more';
  if (q.scale > QUANTITY_SCALE) return 'At most three decimal places';
  return null;
};

export const factor: Rule = (value) => {
  const f = parseDecimal(value);
  if (!f || f.digits <= 0n) return 'Enter how many stock units one is, above nought';
  if (f.scale > FACTOR_SCALE) return 'At most six decimal places';
  return null;
};

export const name = oneLine(200);
