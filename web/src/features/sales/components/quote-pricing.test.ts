import { describe, expect, it } from 'vitest';

import { discounted, priceQuote, priceQuoteLine, type QuoteFormLine } from './quote-pricing';

const line = (patch: Partial<QuoteFormLine>): QuoteFormLine => ({
  product: '',
  description: 'A line',
  quantity: '1',
  unitPrice: '0.00',
  discountPercent: '',
  vat: 'STANDARD',
  ...patch,
});

describe('pricing a quote line as the server does, in cents', () => {
  it('rounds the gross, then the discounted net, then the VAT, each half up to the cent', () => {
    // 2.5 × 1 234.57 = 3 086.425 → 3 086.43; less 7.5% = 2 854.94775 → 2 854.95; VAT 15% = 428.2425 → 428.24.
    const p = priceQuoteLine(line({ quantity: '2.5', unitPrice: '1234.57', discountPercent: '7.5' }));
    expect(p.gross).toBe(308643n);
    expect(p.net).toBe(285495n);
    expect(p.vat).toBe(42824n);
  });

  it('adds the rounded lines: 0.1 + 0.2 is exactly 0.30', () => {
    const totals = priceQuote([line({ unitPrice: '0.10' }), line({ unitPrice: '0.20' })]);
    expect(totals.net).toBe(30n);
    // 1.5 c and 3 c of VAT: 2 c + 3 c, not 4.5 c rounded.
    expect(totals.vat).toBe(5n);
    expect(totals.total).toBe(35n);
  });

  it('sums mixed treatments and discounts into the quote’s net, VAT and total', () => {
    const totals = priceQuote([
      line({ product: 'CEM-425-50KG', quantity: '10', unitPrice: '119.00', discountPercent: '10' }), // 1 190 less 10% = 1 071.00, VAT 160.65
      line({ quantity: '3', unitPrice: '333.33', vat: 'ZERO_RATED' }), // 999.99, no VAT
      line({ quantity: '1.125', unitPrice: '4625.00', vat: 'EXEMPT', discountPercent: '0.25' }), // 5 203.125 → 5 203.13 less 0.25% = 5 190.12
    ]);
    expect(totals.lines.map((l) => [l.net, l.vat])).toEqual([
      [107100n, 16065n],
      [99999n, 0n],
      [519012n, 0n],
    ]);
    expect(totals.net).toBe(107100n + 99999n + 519012n);
    expect(totals.vat).toBe(16065n);
    expect(totals.total).toBe(107100n + 99999n + 519012n + 16065n);
    expect(totals.complete).toBe(true);
  });

  it('rounds a discount’s half cent up: 0.05 less 50% is 0.03', () => {
    expect(discounted(5n, { digits: 50n, scale: 0 })).toBe(3n);
  });

  it('says what the server would refuse for the form, and prices nothing then', () => {
    expect(priceQuoteLine(line({ quantity: '1.2345' })).errors.quantity).toBe('At most three decimal places');
    expect(priceQuoteLine(line({ quantity: '2.5000' })).errors.quantity).toBeUndefined();
    expect(priceQuoteLine(line({ quantity: '0' })).errors.quantity).toBe('Enter a quantity above nought');
    expect(priceQuoteLine(line({ unitPrice: '1.234' })).errors.unitPrice).toMatch(/two decimals/);
    expect(priceQuoteLine(line({ discountPercent: '101' })).errors.discountPercent).toBe('Enter a percentage from 0 to 100');
    expect(priceQuoteLine(line({ discountPercent: '5.125' })).errors.discountPercent).toBe('At most two decimal places');
    expect(priceQuoteLine(line({ discountPercent: '5.125' })).net).toBeNull();
    expect(priceQuote([line({ description: ' ' })]).complete).toBe(false);
    expect(priceQuote([]).complete).toBe(false);
  });
});
