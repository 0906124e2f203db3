// Exact decimal arithmetic in cents (BigInt), the same rules as the server's
// `domain/src/finance/vat.rs`: every rounding is half up (away from zero) to the cent;
// a line's value is quantity × unit price rounded; its VAT is value × rate rounded;
// the invoice's VAT is the sum of the lines' rounded VAT. Retention follows SARS's rule
// (`domain/src/finance/retention.rs`): it is the value excluding VAT × percent / 100,
// rounded, and the VAT on it is deferred until it is released — shared over the VAT
// treatments pro rata with cumulative rounding, exactly as the server shares it. Never
// floating point.

export type VatTreatment = 'STANDARD' | 'ZERO_RATED' | 'EXEMPT';

/** A decimal as digits and a scale: 12.345 → { digits: 12345n, scale: 3 }. */
export interface Exact {
  digits: bigint;
  scale: number;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Parses a plain decimal ("2.5", "-1", "1500000.00"); `null` for anything else. */
export function parseDecimal(text: string): Exact | null {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) return null;
  const negative = trimmed.startsWith('-');
  const unsigned = negative ? trimmed.slice(1) : trimmed;
  const [whole = '0', fraction = ''] = unsigned.split('.');
  const digits = BigInt(whole + fraction);
  return { digits: negative ? -digits : digits, scale: fraction.length };
}

/** Parses an amount in rand with at most two decimals into cents; `null` otherwise. */
export function parseRand(text: string): bigint | null {
  const exact = parseDecimal(text);
  if (!exact || exact.scale > 2) return null;
  return exact.digits * 10n ** BigInt(2 - exact.scale);
}

/** numerator / denominator rounded half away from zero (denominator > 0). */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  if (twice >= denominator) return quotient + (numerator < 0n ? -1n : 1n);
  return quotient;
}

/** The VAT rate in percent for a treatment: 15% standard, nought otherwise. */
export function vatPercent(treatment: VatTreatment): bigint {
  return treatment === 'STANDARD' ? 15n : 0n;
}

/** A line's value excluding VAT, in cents: quantity × unit price, rounded half up. */
export function lineValue(quantity: Exact, unitPriceCents: bigint): bigint {
  return divideRounded(quantity.digits * unitPriceCents, 10n ** BigInt(quantity.scale));
}

/** A line's VAT in cents: its value × the rate, rounded half up. */
export function lineVat(valueCents: bigint, treatment: VatTreatment): bigint {
  return divideRounded(valueCents * vatPercent(treatment), 100n);
}

/** Retention in cents: the value excl. VAT × percent / 100, rounded half up. */
export function retention(exclVatCents: bigint, percent: Exact): bigint {
  return divideRounded(exclVatCents * percent.digits, 100n * 10n ** BigInt(percent.scale));
}

/** The value and VAT of one VAT treatment's lines, in cents. */
export interface VatPart {
  value: bigint;
  vat: bigint;
}

/**
 * The VAT deferred on `retained` cents of value: each treatment's share of the retention
 * (cumulative rounding, so the shares add up) carries the same fraction of its VAT.
 */
export function deferredVat(parts: VatPart[], retained: bigint): bigint {
  const total = parts.reduce((sum, p) => sum + p.value, 0n);
  if (retained === 0n || total === 0n) return 0n;
  let cumulative = 0n;
  let before = 0n;
  let deferred = 0n;
  for (const part of parts) {
    cumulative += part.value;
    const upto = divideRounded(retained * cumulative, total);
    const value = upto - before;
    before = upto;
    if (value === part.value) deferred += part.vat;
    else if (part.value !== 0n) deferred += divideRounded(part.vat * value, part.value);
  }
  return deferred;
}

const TREATMENTS: VatTreatment[] = ['STANDARD', 'ZERO_RATED', 'EXEMPT'];

export interface DraftLine {
  quantity: string;
  unitPrice: string;
  vatTreatment: VatTreatment;
}

export interface PricedLine {
  /** `null` while the quantity or price is not a valid positive number. */
  valueExclVat: bigint | null;
  vat: bigint | null;
  total: bigint | null;
}

export interface DraftTotals {
  lines: PricedLine[];
  exclVat: bigint;
  vat: bigint;
  inclVat: bigint;
  retention: bigint;
  /** The VAT on the retention: due when it is released, not now. */
  vatDeferred: bigint;
  /** VAT charged now: VAT − VAT deferred. */
  vatNow: bigint;
  /** (excl. VAT − retention) + VAT now. */
  amountDue: bigint;
  /** Whether every line is priced and the retention percentage is valid (0–20). */
  complete: boolean;
}

/** The largest retention percentage the server accepts. */
export const MAX_RETENTION_PERCENT = 20n;

/** Prices a draft invoice as the server will: what the form shows before submit. */
export function priceDraft(lines: DraftLine[], retentionPercent: string): DraftTotals {
  let exclVat = 0n;
  let vat = 0n;
  let complete = lines.length > 0;
  const parts = new Map<VatTreatment, VatPart>();
  const priced = lines.map((line): PricedLine => {
    const quantity = parseDecimal(line.quantity);
    const price = parseRand(line.unitPrice);
    if (!quantity || quantity.digits <= 0n || price === null || price <= 0n) {
      complete = false;
      return { valueExclVat: null, vat: null, total: null };
    }
    const value = lineValue(quantity, price);
    const lineVatCents = lineVat(value, line.vatTreatment);
    exclVat += value;
    vat += lineVatCents;
    const part = parts.get(line.vatTreatment) ?? { value: 0n, vat: 0n };
    parts.set(line.vatTreatment, { value: part.value + value, vat: part.vat + lineVatCents });
    return { valueExclVat: value, vat: lineVatCents, total: value + lineVatCents };
  });
  const inclVat = exclVat + vat;
  const percentText = retentionPercent.trim() === '' ? '0' : retentionPercent;
  const percent = parseDecimal(percentText);
  const percentValid =
    percent !== null &&
    percent.digits >= 0n &&
    percent.digits <= MAX_RETENTION_PERCENT * 10n ** BigInt(percent.scale);
  if (!percentValid) complete = false;
  const withheld = percentValid ? retention(exclVat, percent) : 0n;
  const ordered = TREATMENTS.flatMap((t) => {
    const part = parts.get(t);
    return part ? [part] : [];
  });
  const vatDeferred = deferredVat(ordered, withheld);
  const vatNow = vat - vatDeferred;
  return {
    lines: priced,
    exclVat,
    vat,
    inclVat,
    retention: withheld,
    vatDeferred,
    vatNow,
    amountDue: exclVat - withheld + vatNow,
    complete,
  };
}

/** `a` and `b` at the same scale (the larger of the two). */
function aligned(a: Exact, b: Exact): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.digits * 10n ** BigInt(scale - a.scale), b.digits * 10n ** BigInt(scale - b.scale), scale];
}

/** −1, 0 or 1 as decimal `a` is below, equal to or above `b`, exactly. */
export function compareDecimal(a: Exact, b: Exact): -1 | 0 | 1 {
  const [x, y] = aligned(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `a` + `b`, exactly. */
export function addDecimal(a: Exact, b: Exact): Exact {
  const [x, y, scale] = aligned(a, b);
  return { digits: x + y, scale };
}

/** A decimal as plain text without trailing zeros: { 2500n, 3 } → "2.5". */
export function formatDecimal(value: Exact): string {
  const negative = value.digits < 0n;
  const digits = (negative ? -value.digits : value.digits).toString().padStart(value.scale + 1, '0');
  const whole = digits.slice(0, digits.length - value.scale);
  const fraction = digits.slice(digits.length - value.scale).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}
