import { describe, expect, it } from 'vitest';

import { addDecimal, compareDecimal, divideRounded, type Exact, formatDecimal, lineValue, lineVat, parseDecimal, parseRand, priceDraft, retention } from './money';

function exact(text: string): Exact {
  const parsed = parseDecimal(text);
  if (!parsed) throw new Error(`${text} is not a decimal`);
  return parsed;
}

// The same cases as the server's domain/src/finance/vat.rs and invoice/tests.rs.
describe('invoice arithmetic, as the server does it', () => {
  it('rounds VAT per line half up on the cent', () => {
    expect(lineVat(10n, 'STANDARD')).toBe(2n); // R0.10 × 15% = 0.015 → 0.02
    expect(lineVat(3n, 'STANDARD')).toBe(0n); // R0.03 × 15% = 0.0045 → 0.00
    expect(lineVat(12_345n, 'ZERO_RATED')).toBe(0n);
    expect(lineVat(12_345n, 'EXEMPT')).toBe(0n);
  });

  it('rounds a line value half up', () => {
    expect(lineValue(exact('2.5'), 33n)).toBe(83n); // 2.5 × R0.33 = 0.825 → 0.83
    expect(lineValue(exact('3'), 10n)).toBe(30n);
  });

  it('takes retention on the value excluding VAT', () => {
    expect(retention(100_000n, exact('10'))).toBe(10_000n);
    expect(retention(1_005n, exact('5'))).toBe(50n); // 0.5025 → 0.50
  });

  it('prices a draft like the server: VAT is the sum of the lines’ rounded VAT', () => {
    const totals = priceDraft(
      [
        { quantity: '3', unitPrice: '0.10', vatTreatment: 'STANDARD' },
        { quantity: '1', unitPrice: '100', vatTreatment: 'ZERO_RATED' },
      ],
      '10',
    );
    expect(totals.lines.map((l) => l.vat)).toEqual([5n, 0n]);
    expect(totals.exclVat).toBe(10_030n);
    expect(totals.vat).toBe(5n);
    expect(totals.inclVat).toBe(10_035n);
    expect(totals.retention).toBe(1_003n); // 10% of 100.30, excl. VAT
    // The standard-rated share of the retention is 0.03 of its 0.30: 0.005 of VAT → 0.01.
    expect(totals.vatDeferred).toBe(1n);
    expect(totals.vatNow).toBe(4n);
    expect(totals.amountDue).toBe(9_031n); // 100.30 − 10.03 + 0.04
    expect(totals.complete).toBe(true);
  });

  it('is incomplete while a line or the retention is not valid', () => {
    expect(priceDraft([{ quantity: '0', unitPrice: '1', vatTreatment: 'STANDARD' }], '').complete).toBe(false);
    expect(priceDraft([{ quantity: '1', unitPrice: '1.001', vatTreatment: 'STANDARD' }], '').complete).toBe(false);
    expect(priceDraft([{ quantity: '1', unitPrice: '1', vatTreatment: 'STANDARD' }], '20.5').complete).toBe(false);
    expect(priceDraft([{ quantity: '1', unitPrice: '1', vatTreatment: 'STANDARD' }], '20').complete).toBe(true);
    expect(priceDraft([], '').complete).toBe(false);
  });

  it('parses only plain decimals and amounts of at most two places', () => {
    expect(parseRand('1500000.00')).toBe(150_000_000n);
    expect(parseRand('1 500')).toBeNull();
    expect(parseRand('1e3')).toBeNull();
    expect(parseRand('-2.5')).toBe(-250n);
    expect(divideRounded(-5n, 10n)).toBe(-1n); // half away from zero
  });
});

describe('exact quantities', () => {
  const d = (text: string) => parseDecimal(text) as Exact;
  it('compares at any scale', () => {
    expect(compareDecimal(d('2.5'), d('2.50'))).toBe(0);
    expect(compareDecimal(d('10'), d('10.0001'))).toBe(-1);
    expect(compareDecimal(d('0.3'), d('0.25'))).toBe(1);
  });
  it('adds without floating point', () => {
    expect(formatDecimal(addDecimal(d('0.1'), d('0.2')))).toBe('0.3');
    expect(formatDecimal(addDecimal(d('60'), d('40.000')))).toBe('100');
    expect(formatDecimal(d('-0.05'))).toBe('-0.05');
  });
});
