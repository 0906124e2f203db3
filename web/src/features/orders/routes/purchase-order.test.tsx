import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { GraphqlRequestError } from '@/lib/errors';
import { execute } from '@/lib/graphql';
import { renderWithApp } from '@/test/render';

import { PurchaseOrderQuery } from '../api/get-purchase-order';
import { ApprovePurchaseOrderMutation } from '../api/purchase-order-actions';
import { TradeOptionsQuery } from '../api/trade-options';
import { PurchaseOrderRoute } from './purchase-order';

vi.mock('@/lib/graphql', () => ({ execute: vi.fn() }));

/** Answers arrive late on a loaded machine: wait up to 5 s for them. */
const SLOW = { timeout: 5000 };

const order = {
  id: 'po-1',
  number: 'PO-2026-00007',
  vendorAccountId: 'acc-9',
  projectId: 'prj-1',
  costCode: 'CONCRETE',
  date: '2026-12-02',
  status: 'RAISED',
  totalExclVat: '120500.00',
  committed: '0.00',
  approvedBy: null,
  approverRole: null,
  reason: null,
  lines: [
    { lineNo: 1, sku: 'CEM-50KG', description: 'Cement 50 kg', quantity: '100', unitPrice: '95.00', vatTreatment: 'STANDARD', delivered: '0', open: '100' },
    { lineNo: 2, sku: null, description: 'Ready-mix concrete 30 MPa', quantity: '60', unitPrice: '1850.00', vatTreatment: 'STANDARD', delivered: '0', open: '60' },
  ],
  goodsReceipts: [],
  createdAt: '2026-12-02T08:00:00Z',
  updatedAt: '2026-12-02T08:00:00Z',
};

const options = {
  customers: { nodes: [] },
  vendors: { nodes: [{ id: 'acc-9', name: 'Highveld Cement & Aggregates', status: 'ACTIVE' }] },
  subcontractors: { nodes: [] },
  projects: [{ id: 'prj-1', code: 'PRJ-2026-014', name: 'Hatfield Clinic Extension' }],
};

const refusal =
  "Site_Managers approve purchase orders up to R 50000.00; this order's total is R 120500.00 excl. VAT: it may be approved by Project_Manager, Finance_Manager, Admin";

function answer(status = 'RAISED') {
  vi.mocked(execute).mockImplementation((async (document: unknown) => {
    if (document === PurchaseOrderQuery) return { purchaseOrder: { ...order, status } };
    if (document === TradeOptionsQuery) return options;
    if (document === ApprovePurchaseOrderMutation) throw new GraphqlRequestError([{ message: refusal, extensions: { code: 'BAD_USER_INPUT' } }], 200);
    throw new Error('an unexpected request');
  }) as typeof execute);
}

const show = (permissions: string[]) =>
  renderWithApp(
    <Routes>
      <Route path="/purchase-orders/:id" element={<PurchaseOrderRoute />} />
    </Routes>,
    { permissions, path: '/purchase-orders/po-1' },
  );

describe('a purchase order', () => {
  beforeEach(() => {
    vi.mocked(execute).mockReset();
  });

  it('shows its lines, committed value and names, and the approver’s refusal in the server’s words', async () => {
    answer();
    const user = userEvent.setup({ delay: null });
    show(['orders.purchase_orders.read', 'orders.purchase_orders.write', 'orders.purchase_orders.approve', 'orders.goods.receive', 'orders.projects.read_assigned']);
    await screen.findByRole('heading', { name: 'Purchase order PO-2026-00007' }, SLOW);
    const details = screen.getByRole('table', { name: 'Order details' });
    expect(await within(details).findByText('Highveld Cement & Aggregates', {}, SLOW)).toBeInTheDocument();
    expect(within(details).getByText('PRJ-2026-014 Hatfield Clinic Extension')).toBeInTheDocument();
    expect(within(details).getByText('R 120 500.00')).toBeInTheDocument();
    const line2 = within(screen.getByRole('table', { name: 'Order lines' })).getByRole('row', { name: 'Line 2' });
    expect(line2).toHaveTextContent('Ready-mix concrete 30 MPa');
    expect(line2).toHaveTextContent('R 1 850.00');
    // Raised, not approved: nothing to receive yet.
    expect(screen.queryByRole('button', { name: 'Receive goods' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Approve order' }));
    expect(await screen.findByRole('alert', {}, SLOW)).toHaveTextContent("Site_Managers approve purchase orders up to R 50000.00; this order's total is R 120500.00");
  });

  it('offers no decisions to a role that only reads', async () => {
    answer();
    show(['orders.purchase_orders.read', 'orders.projects.read']);
    await screen.findByRole('heading', { name: 'Purchase order PO-2026-00007' }, SLOW);
    expect(screen.queryByRole('button', { name: 'Approve order' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Reject order' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel order' })).not.toBeInTheDocument();
  });

  it('offers receiving once approved, to those who receive goods only', async () => {
    answer('APPROVED');
    const { unmount } = show(['orders.purchase_orders.read', 'orders.goods.receive']);
    expect(await screen.findByRole('button', { name: 'Receive goods' }, SLOW)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approve order' })).not.toBeInTheDocument();
    unmount();
    show(['orders.purchase_orders.read', 'orders.purchase_orders.approve']);
    await screen.findByRole('heading', { name: 'Purchase order PO-2026-00007' }, SLOW);
    expect(screen.queryByRole('button', { name: 'Receive goods' })).not.toBeInTheDocument();
  });
});
