import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { renderWithApp } from '@/test/render';

import { PostStockCountMutation, RecordStockCountMutation } from '../api/count-commands';
import { StockCountQuery } from '../api/get-stock-counts';
import { StockLevelsQuery } from '../api/get-stock-levels';
import { CountRoute } from '../routes/count';
import { CountLinesTable, varianceSign } from './count-lines';

const execute = vi.hoisted(() => vi.fn());
vi.mock('@/lib/graphql', () => ({ execute }));

const SLOW = { timeout: 5000 };

const LINES = [
  { product: 'CEM-425-50KG', counted: '557', book: '560', variance: '-3' },
  { product: 'REBAR-Y12-6M', counted: '225.5', book: '220', variance: '5.5' },
  { product: 'SAND-RIVER-M3', counted: '10', book: '10', variance: '0' },
];

const sheet = (status: string, lines = LINES) => ({
  id: 'count-1',
  location: 'WH-JHB',
  reference: 'COUNT-2026-12',
  status,
  openedAt: '2026-12-02T08:00:00Z',
  postedAt: status === 'POSTED' ? '2026-12-02T10:00:00Z' : null,
  lines,
});

describe('the variance of a count line', () => {
  it('is red when short, green (signed) when found, plain when none', () => {
    renderWithApp(<CountLinesTable lines={LINES} />);
    const table = screen.getByRole('table', { name: 'Count lines' });
    const short = within(within(table).getByRole('row', { name: 'CEM-425-50KG' })).getByLabelText('-3 (short)');
    expect(short).toHaveTextContent('-3');
    expect(short).toHaveStyle({ color: 'var(--mantine-color-red-text)' });
    const found = within(within(table).getByRole('row', { name: 'REBAR-Y12-6M' })).getByLabelText('+5.5 (found)');
    expect(found).toHaveStyle({ color: 'var(--mantine-color-green-text)' });
    expect(within(within(table).getByRole('row', { name: 'SAND-RIVER-M3' })).getByLabelText('0 (no variance)')).toBeInTheDocument();
    expect(within(table).getByRole('row', { name: 'CEM-425-50KG' })).toHaveTextContent('557560-3');
  });

  it('reads the sign exactly', () => {
    expect(varianceSign('-0.001')).toBe(-1);
    expect(varianceSign('0.000')).toBe(0);
    expect(varianceSign('12')).toBe(1);
  });
});

describe('the count sheet', () => {
  beforeEach(() => {
    execute.mockReset();
  });

  const render = (permissions: string[]) =>
    renderWithApp(
      <Routes>
        <Route path="/inventory/counts/:id" element={<CountRoute />} />
      </Routes>,
      { permissions, path: '/inventory/counts/count-1' },
    );

  it('records a count and posts the sheet after a confirmation', async () => {
    let posted = false;
    let lines = LINES.slice(1);
    execute.mockImplementation(async (document: unknown, variables: Record<string, unknown>) => {
      if (document === StockCountQuery) return { stockCount: sheet(posted ? 'POSTED' : 'OPEN', lines) };
      if (document === StockLevelsQuery) return { stockLevels: [] };
      if (document === RecordStockCountMutation) {
        lines = [{ product: String(variables.product), counted: String(variables.counted), book: '560', variance: '-3' }, ...lines];
        return { recordStockCount: { id: 'count-1', correlationId: 'r1' } };
      }
      if (document === PostStockCountMutation) {
        posted = true;
        return { postStockCount: { id: 'count-1', correlationId: 'r2' } };
      }
      throw new Error('an unexpected request');
    });
    const user = userEvent.setup({ delay: null });
    render(['inventory.stock.read', 'inventory.stock.write']);
    await screen.findByRole('heading', { name: 'Count COUNT-2026-12' }, SLOW);
    const form = within(screen.getByRole('form', { name: 'Record a count' }));
    await user.type(form.getByLabelText(/^Counted/), '1.2345');
    expect(form.getByText('At most three decimal places')).toBeInTheDocument();
    await user.clear(form.getByLabelText(/^Counted/));
    await user.type(form.getByLabelText(/^Product/), 'cem-425-50kg');
    await user.type(form.getByLabelText(/^Counted/), '557');
    await user.click(form.getByRole('button', { name: 'Record count' }));
    expect(execute).toHaveBeenCalledWith(RecordStockCountMutation, { countId: 'count-1', product: 'CEM-425-50KG', counted: '557' });
    const row = await screen.findByRole('row', { name: 'CEM-425-50KG' }, SLOW);
    expect(within(row).getByLabelText('-3 (short)')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Post count' }));
    const dialog = await screen.findByRole('dialog', { name: 'Post count' }, SLOW);
    expect(execute).not.toHaveBeenCalledWith(PostStockCountMutation, expect.anything());
    await user.click(within(dialog).getByRole('button', { name: 'Post' }));
    expect(execute).toHaveBeenCalledWith(PostStockCountMutation, { countId: 'count-1' });
    await within(screen.getByRole('table', { name: 'Count details' })).findByText('POSTED', {}, SLOW);
    expect(screen.queryByRole('form', { name: 'Record a count' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Post count' })).not.toBeInTheDocument();
  });

  it('is read-only for a role that only reads', async () => {
    execute.mockImplementation(async (document: unknown) => {
      if (document === StockCountQuery) return { stockCount: sheet('OPEN') };
      throw new Error('an unexpected request');
    });
    render(['inventory.stock.read']);
    await screen.findByRole('table', { name: 'Count lines' }, SLOW);
    expect(screen.queryByRole('form', { name: 'Record a count' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Post count' })).not.toBeInTheDocument();
  });
});
