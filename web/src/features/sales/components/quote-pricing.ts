// A quote line priced exactly as the server prices it (`domain/src/sales/quote/lines.rs`,
// docs/sales.md), in cents (`lib/money.ts`), never floating point:
//   gross = quantity × unit price, rounded half up to the cent;
//   net   = gross × (100 − discount) / 100, rounded half up to the cent;
//   VAT   = net × the treatment's rate, rounded half up to the cent;
// the quote's net, VAT and total the sums of its lines. What the form would send that
// the server refuses for its form is said here too (quantity at most 3 places, a price
// of nought or more with at most 2, a discount of 0–100% with at most 2 places); the
// discount limit of the caller's role is the server's to say.

import { divideRounded, formatDecimal, lineValue, lineVat, parseDecimal, parseRand, type Exact, type VatTreatment } from '@/lib/money';

export const QUANTITY_SCALE = 3;
export const MAX_LINES = 200;

export interface QuoteFormLine {
  /** The catalogue SKU; empty for a service line. */
  product: string;
  description: string;
  quantity: string;
  unitPrice: string;
  /** Percent off; empty means none. */
  discountPercent: string;
  vat: VatTreatment;
}

export type LineField = 'description' | 'quantity' | 'unitPrice' | 'discountPercent';

export interface PricedQuoteLine {
  /** `null` while the line cannot be priced (a value missing or wrong). */
  gross: bigint | null;
  net: bigint | null;
  vat: bigint | null;
  errors: Partial<Record<LineField, string>>;
}

export interface QuoteTotals {
  lines: PricedQuoteLine[];
  net: bigint;
  vat: bigint;
  total: bigint;
  /** Every line is priced and described. */
  complete: boolean;
}

/** gross less `percent`, rounded half up to the cent. */
export function discounted(grossCents: bigint, percent: Exact): bigint {
  const hundred = 100n * 10n ** BigInt(percent.scale);
  return divideRounded(grossCents * (hundred - percent.digits), hundred);
}

const NONE: Exact = { digits: 0n, scale: 0 };

/** A decimal without its trailing zeros ("2.500" → 2.5), as the server normalises it. */
function normalised(text: string): Exact | null {
  const exact = parseDecimal(text);
  return exact && parseDecimal(formatDecimal(exact));
}

/** One line's amounts and what is wrong with it (nothing said about fields not yet filled). */
export function priceQuoteLine(line: QuoteFormLine): PricedQuoteLine {
  const errors: PricedQuoteLine['errors'] = {};
  const quantity = normalised(line.quantity);
  if (line.quantity.trim() && (!quantity || quantity.digits <= 0n)) errors.quantity = 'Enter a quantity above nought';
  else if (quantity && quantity.scale > QUANTITY_SCALE) errors.quantity = 'At most three decimal places';
  const price = parseRand(line.unitPrice);
  if (line.unitPrice.trim() && (price === null || price < 0n)) errors.unitPrice = 'Enter a price of nought or more, in rand with at most two decimals';
  const discount = line.discountPercent.trim() ? normalised(line.discountPercent) : NONE;
  if (!discount || discount.digits < 0n || discount.digits > 100n * 10n ** BigInt(discount.scale)) errors.discountPercent = 'Enter a percentage from 0 to 100';
  else if (discount.scale > 2) errors.discountPercent = 'At most two decimal places';
  if (!quantity || price === null || !discount || Object.keys(errors).length > 0) return { gross: null, net: null, vat: null, errors };
  const gross = lineValue(quantity, price);
  const net = discounted(gross, discount);
  return { gross, net, vat: lineVat(net, line.vat), errors };
}

/** The quote as the server will price it: what the builder shows before saving. */
export function priceQuote(lines: QuoteFormLine[]): QuoteTotals {
  const priced = lines.map(priceQuoteLine);
  const net = priced.reduce((sum, l) => sum + (l.net ?? 0n), 0n);
  const vat = priced.reduce((sum, l) => sum + (l.vat ?? 0n), 0n);
  const complete =
    lines.length > 0 && lines.length <= MAX_LINES && priced.every((l, i) => l.net !== null && Boolean(lines[i]?.description.trim()));
  return { lines: priced, net, vat, total: net + vat, complete };
}
