import { describe, expect, it } from 'vitest';

import { addDays, formatCents, formatRand, formatRandExact, humanize } from './format';

describe('money as rand', () => {
  it('shows two decimals and a space between thousands', () => {
    expect(formatCents(123_456_789n)).toBe('R 1 234 567.89');
    expect(formatCents(0n)).toBe('R 0.00');
    expect(formatCents(5n)).toBe('R 0.05');
    expect(formatCents(100_000n)).toBe('R 1 000.00');
    expect(formatCents(-123_400n)).toBe('-R 1 234.00');
  });

  it('formats the API’s Rand strings and leaves anything else as it is', () => {
    expect(formatRand('1500000.00')).toBe('R 1 500 000.00');
    expect(formatRand('12.5')).toBe('R 12.50');
    expect(formatRand(null)).toBe('');
    expect(formatRand('n/a')).toBe('n/a');
  });
});

describe('unit costs to more places than cents', () => {
  it('keeps the places it has, at least two, with a space between thousands', () => {
    expect(formatRandExact('88.875')).toBe('R 88.875');
    expect(formatRandExact('1234.5')).toBe('R 1 234.50');
    expect(formatRandExact('350')).toBe('R 350.00');
    expect(formatRandExact('0.0001')).toBe('R 0.0001');
    expect(formatRandExact('-12.3456')).toBe('-R 12.3456');
    expect(formatRandExact(null)).toBe('');
    expect(formatRandExact('n/a')).toBe('n/a');
  });
});

describe('dates and words', () => {
  it('adds days to YYYY-MM-DD', () => {
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('turns enum values into words', () => {
    expect(humanize('ZERO_RATED')).toBe('Zero rated');
    expect(humanize('Site_Manager')).toBe('Site manager');
  });
});
