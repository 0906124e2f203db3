import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { renderWithApp } from '@/test/render';

import type { StockLevelRow } from '../api/get-stock-levels';
import { LocationTotalsTable, StockLevelsTable, totalsByLocation } from './stock-table';

const row = (
  product: string,
  location: string,
  onHand: string,
  reserved: string,
  available: string,
  value: string,
  averageCost: string | null,
  low = false,
): StockLevelRow => ({
  id: `${product}@${location}`,
  product,
  description: product === 'CEM-425-50KG' ? 'Cement CEM II 42.5N, 50 kg bag' : null,
  unit: product === 'CEM-425-50KG' ? 'bag' : null,
  location,
  onHand,
  reserved,
  available,
  value,
  averageCost,
  reorderLevel: low ? '60' : null,
  low,
  updatedAt: '2026-12-02T08:00:00Z',
});

const ROWS = [
  row('CEM-425-50KG', 'WH-JHB', '680', '120', '560', '60350.00', '88.75'),
  row('PPE-BOOTS-9', 'WH-JHB', '40', '40', '0', '15400.00', '385'),
  row('PPE-HELMET-X', 'WH-JHB', '55', '0', '55', '0.00', '0', true),
  row('PPE-HELMET-W', 'WH-JHB', '0', '0', '0', '0.00', null),
  row('SAND-RIVER-M3', 'SITE-PTA-07', '0.1', '0', '0.1', '0.10', '1.0005'),
  row('STONE-19MM', 'SITE-PTA-07', '0.2', '0.3', '-0.1', '0.20', '1'),
];

describe('the stock levels table', () => {
  it('marks the positions with nothing available, and only those', () => {
    renderWithApp(<StockLevelsTable rows={ROWS} />);
    const table = screen.getByRole('table', { name: 'Stock levels' });
    const cement = within(table).getByRole('row', { name: 'CEM-425-50KG at WH-JHB' });
    expect(within(cement).queryByText('none available')).not.toBeInTheDocument();
    expect(cement).toHaveTextContent('680');
    expect(cement).toHaveTextContent('R 88.75');
    expect(cement).toHaveTextContent('R 60 350.00');
    expect(cement).toHaveTextContent('Cement CEM II 42.5N, 50 kg bag');
    expect(cement).toHaveTextContent('bag');
    expect(within(cement).getByRole('link', { name: 'CEM-425-50KG' })).toHaveAttribute('href', '/inventory/stock/card?product=CEM-425-50KG&location=WH-JHB');
    // All reserved, nothing on hand, or reserved beyond what is on hand.
    for (const name of ['PPE-BOOTS-9 at WH-JHB', 'PPE-HELMET-W at WH-JHB', 'STONE-19MM at SITE-PTA-07']) {
      expect(within(within(table).getByRole('row', { name })).getByText('none available')).toBeInTheDocument();
    }
    expect(within(within(table).getByRole('row', { name: 'SAND-RIVER-M3 at SITE-PTA-07' })).queryByText('none available')).not.toBeInTheDocument();
    expect(within(table).getAllByText('none available')).toHaveLength(3);
    // At or below its reorder level, as the server says: marked low, not "none available".
    const helmets = within(table).getByRole('row', { name: 'PPE-HELMET-X at WH-JHB' });
    expect(within(helmets).getByText('low')).toBeInTheDocument();
    expect(within(helmets).queryByText('none available')).not.toBeInTheDocument();
    expect(within(table).getAllByText('low')).toHaveLength(1);
    // Unit costs keep their four places.
    expect(within(table).getByRole('row', { name: 'SAND-RIVER-M3 at SITE-PTA-07' })).toHaveTextContent('R 1.0005');
  });

  it('sums the value per location exactly, in cents', () => {
    // 0.10 + 0.20 is 0.30 exactly (as floating point it is 0.30000000000000004).
    expect(totalsByLocation(ROWS)).toEqual([
      { location: 'SITE-PTA-07', positions: 2, noneAvailable: 1, value: 30n },
      { location: 'WH-JHB', positions: 4, noneAvailable: 2, value: 7_575_000n },
    ]);
    renderWithApp(<LocationTotalsTable rows={ROWS} />);
    const totals = screen.getByRole('table', { name: 'Value by location' });
    expect(within(totals).getByRole('row', { name: 'WH-JHB' })).toHaveTextContent('R 75 750.00');
    expect(within(totals).getByRole('row', { name: 'SITE-PTA-07' })).toHaveTextContent('R 0.30');
    expect(within(totals).getByRole('row', { name: 'All locations' })).toHaveTextContent('R 75 750.30');
  });
});
