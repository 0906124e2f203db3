import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { renderWithApp } from '@/test/render';

import { StockLevelsQuery } from '../api/get-stock-levels';
import { StockLocationsQuery } from '../api/get-stock-locations';
import { StockTransfersQuery } from '../api/get-stock-transfers';
import { ReceiveTransferMutation, TransferStockMutation } from '../api/transfer-commands';
import { TransfersRoute } from './transfers';

const execute = vi.hoisted(() => vi.fn());
vi.mock('@/lib/graphql', () => ({ execute }));

const SLOW = { timeout: 5000 };

const transfer = (id: string, receivedAt: string | null) => ({
  id,
  product: 'CEM-425-50KG',
  fromLocation: 'WH-JHB',
  toLocation: 'SITE-PTA-07',
  quantity: '20',
  value: '2155.00',
  reference: `DN-${id}`,
  dispatchedAt: '2026-12-02T08:00:00Z',
  receivedAt,
});

const LOCATIONS = [
  { code: 'WH-JHB', name: 'Johannesburg warehouse', kind: 'WAREHOUSE', closed: false },
  { code: 'SITE-PTA-07', name: 'Pretoria site store', kind: 'SITE_STORE', closed: false },
];

beforeEach(() => {
  execute.mockReset();
});

describe('stock transfers', () => {
  it('marks what is in transit, receives it, and sends a new transfer', async () => {
    let received = false;
    execute.mockImplementation(async (document: unknown, variables: { inTransitOnly?: boolean }) => {
      if (document === StockTransfersQuery) {
        const all = [transfer('2', received ? '2026-12-02T09:00:00Z' : null), transfer('1', '2026-12-01T09:00:00Z')];
        return { stockTransfers: variables.inTransitOnly ? all.filter((t) => !t.receivedAt) : all };
      }
      if (document === StockLevelsQuery) return { stockLevels: [] };
      if (document === StockLocationsQuery) return { stockLocations: LOCATIONS };
      if (document === ReceiveTransferMutation) {
        received = true;
        return { receiveTransfer: { id: '2', correlationId: 'r1' } };
      }
      if (document === TransferStockMutation) return { transferStock: { id: '3', correlationId: 'r2' } };
      throw new Error('an unexpected request');
    });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<TransfersRoute />, { permissions: ['inventory.stock.read', 'inventory.stock.write'], path: '/inventory/transfers' });
    const table = await screen.findByRole('table', { name: 'Stock transfers' }, SLOW);
    const open = within(table).getByRole('row', { name: /DN-2$/ });
    expect(within(open).getByText('in transit')).toBeInTheDocument();
    expect(open).toHaveTextContent('R 2 155.00');
    expect(within(within(table).getByRole('row', { name: /DN-1$/ })).queryByRole('button', { name: /^Receive/ })).not.toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: 'In transit only' }));
    expect(execute).toHaveBeenCalledWith(StockTransfersQuery, { inTransitOnly: true });

    const onlyOpen = await screen.findByRole('table', { name: 'Stock transfers' }, SLOW);
    await within(onlyOpen).findByRole('row', { name: /DN-2$/ }, SLOW);
    expect(within(onlyOpen).queryByRole('row', { name: /DN-1$/ })).not.toBeInTheDocument();
    await user.click(within(onlyOpen).getByRole('button', { name: 'Receive DN-2' }));
    expect(execute).toHaveBeenCalledWith(ReceiveTransferMutation, { transferId: '2' });

    await user.click(screen.getByRole('button', { name: 'New transfer' }));
    const form = within(await screen.findByRole('form', { name: 'New transfer' }, SLOW));
    await user.type(form.getByLabelText(/^Product/), 'cem-425-50kg');
    await user.selectOptions(form.getByLabelText(/^From/), 'WH-JHB');
    await user.selectOptions(form.getByLabelText(/^To/), 'WH-JHB');
    expect(form.getByText('Choose another location than the one it leaves')).toBeInTheDocument();
    await user.selectOptions(form.getByLabelText(/^To/), 'SITE-PTA-07');
    await user.type(form.getByLabelText(/^Quantity/), '20');
    await user.type(form.getByLabelText(/^Reference/), 'DN-0042');
    await user.click(form.getByRole('button', { name: 'Send' }));
    expect(execute).toHaveBeenCalledWith(TransferStockMutation, {
      input: { product: 'CEM-425-50KG', fromLocation: 'WH-JHB', toLocation: 'SITE-PTA-07', quantity: '20', unit: null, reference: 'DN-0042' },
    });
  });

  it('offers no commands to a role that only reads', async () => {
    execute.mockImplementation(async (document: unknown) => {
      if (document === StockTransfersQuery) return { stockTransfers: [transfer('2', null)] };
      throw new Error('an unexpected request');
    });
    renderWithApp(<TransfersRoute />, { permissions: ['inventory.stock.read'], path: '/inventory/transfers' });
    const table = await screen.findByRole('table', { name: 'Stock transfers' }, SLOW);
    expect(within(table).getByText('in transit')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Receive/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New transfer' })).not.toBeInTheDocument();
  });
});
