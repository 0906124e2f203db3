import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { renderWithApp } from '@/test/render';

import { StockLevelsQuery } from '../api/get-stock-levels';
import { InventoryProjectNamesQuery } from '../api/get-project-names';
import { StockMovementsQuery } from '../api/get-stock-movements';
import { StockRoute } from './stock';
import { StockCardRoute } from './stock-card';

const execute = vi.hoisted(() => vi.fn());
vi.mock('@/lib/graphql', () => ({ execute }));

const SLOW = { timeout: 5000 };

const level = (product: string, location: string, available: string, value: string) => ({
  id: `${product}@${location}`,
  product,
  description: null,
  unit: null,
  location,
  onHand: available,
  reserved: '0',
  available,
  value,
  averageCost: '10',
  reorderLevel: null,
  low: false,
  updatedAt: '2026-12-02T08:00:00Z',
});

const LEVELS = [level('CEM-425-50KG', 'WH-JHB', '560', '60350.00'), level('REBAR-Y12-6M', 'WH-JHB', '220', '49028.00'), level('CEM-425-50KG', 'SITE-PTA-07', '5', '450.00')];

const MOVEMENTS = [
  { sequence: 2, kind: 'RECEIPT', quantity: '10', value: '3500.00', projectId: null, costCode: null, reference: 'GRN-0042', occurredAt: '2026-12-02T08:00:00Z' },
  { sequence: 3, kind: 'ISSUE', quantity: '-4', value: '-1400.00', projectId: 'prj-uuid-1', costCode: 'CONCRETE', reference: null, occurredAt: '2026-12-02T09:00:00Z' },
];

beforeEach(() => {
  execute.mockReset();
  execute.mockImplementation(async (document: unknown, variables: { product?: string | null; location?: string | null }) => {
    if (document === StockLevelsQuery) {
      return { stockLevels: LEVELS.filter((l) => (!variables.product || l.product === variables.product) && (!variables.location || l.location === variables.location)) };
    }
    if (document === StockMovementsQuery) return { stockMovements: MOVEMENTS };
    if (document === InventoryProjectNamesQuery) return { projects: [{ id: 'prj-uuid-1', code: 'PRJ-2026-001', name: 'Sandton Office Park' }] };
    throw new Error('an unexpected request');
  });
});

describe('stock by location', () => {
  it('filters by location and product and totals what is shown', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithApp(<StockRoute />, { permissions: ['inventory.stock.read'], path: '/inventory/stock' });
    const table = await screen.findByRole('table', { name: 'Stock levels' }, SLOW);
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    expect(screen.queryByRole('button', { name: 'Receive stock' })).not.toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Location'), 'WH-JHB');
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(within(screen.getByRole('table', { name: 'Value by location' })).getByRole('row', { name: 'WH-JHB' })).toHaveTextContent('R 109 378.00');
    await user.type(screen.getByLabelText('Product'), 'rebar');
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(within(table).getByRole('row', { name: 'REBAR-Y12-6M at WH-JHB' })).toBeInTheDocument();
  });
});

describe('the stock card', () => {
  it('shows the position’s figures and its movements oldest first', async () => {
    renderWithApp(
      <Routes>
        <Route path="/inventory/stock/card" element={<StockCardRoute />} />
      </Routes>,
      { permissions: ['inventory.stock.read', 'inventory.stock.write', 'orders.projects.read'], path: '/inventory/stock/card?product=CEM-425-50KG&location=WH-JHB' },
    );
    expect(screen.getByRole('heading', { name: 'Stock card: CEM-425-50KG at WH-JHB' })).toBeInTheDocument();
    const figures = await screen.findByRole('table', { name: 'Position' }, SLOW);
    expect(figures).toHaveTextContent('R 60 350.00');
    const movements = await screen.findByRole('table', { name: 'Stock movements' }, SLOW);
    const rows = within(movements).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('Receipt');
    expect(rows[0]).toHaveTextContent('GRN-0042');
    expect(rows[1]).toHaveTextContent('Issue');
    expect(rows[1]).toHaveTextContent('-R 1 400.00');
    // Movements carry the project's id; those who read projects see its code and name.
    await within(rows[1] as HTMLElement).findByText('PRJ-2026-001 Sandton Office Park', {}, SLOW);
    expect(rows[1]).toHaveTextContent('CONCRETE');
    expect(execute).toHaveBeenCalledWith(StockMovementsQuery, { product: 'CEM-425-50KG', location: 'WH-JHB' });
    expect(screen.getByRole('button', { name: 'Issue stock' })).toBeInTheDocument();
  });
});
