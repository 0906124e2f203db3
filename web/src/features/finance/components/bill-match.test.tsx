import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { renderWithApp } from '@/test/render';

import { BillMatch, quantityVariance } from './bill-match';

const blocked = {
  purchaseOrderId: 'po-1',
  matchApproval: null,
  blockedForPayment: ['line 2: billed 120 to date, received 100'],
  matching: [
    { line: 1, purchaseOrderLineNo: 1, ordered: '10', received: '10', billed: '10', orderPrice: '95.00', billedPrice: '96.00', priceVariancePercent: '1.05', status: 'MATCHED', reason: null },
    { line: 2, purchaseOrderLineNo: 2, ordered: '150', received: '100', billed: '120', orderPrice: '1850.00', billedPrice: '1850.00', priceVariancePercent: '0', status: 'BLOCKED', reason: 'billed 120 to date, received 100' },
  ],
};

describe('the three-way match of a bill', () => {
  it('shows per line ordered, received, billed, the variances and why it is blocked', () => {
    renderWithApp(<BillMatch bill={blocked} onApprove={vi.fn()} />, { permissions: ['finance.ledger.read'] });
    const line2 = screen.getByRole('row', { name: 'Bill line 2' });
    for (const text of ['150', '100', '120', '20', 'Blocked', 'billed 120 to date, received 100']) {
      expect(within(line2).getByText(text)).toBeInTheDocument();
    }
    expect(within(line2).getAllByText('R 1 850.00')).toHaveLength(2);
    expect(within(screen.getByRole('row', { name: 'Bill line 1' })).getByText('1.05%')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Blocked for payment');
    // A finance user may not release it.
    expect(screen.queryByRole('button', { name: 'Approve for payment' })).not.toBeInTheDocument();
    expect(screen.getByText('A finance manager may approve it for payment.')).toBeInTheDocument();
  });

  it('lets a finance manager approve it with a reason', async () => {
    const user = userEvent.setup({ delay: null });
    const onApprove = vi.fn();
    renderWithApp(<BillMatch bill={blocked} onApprove={onApprove} />, { permissions: ['finance.ledger.read', 'finance.accounts.manage'] });
    expect(screen.getByRole('button', { name: 'Approve for payment' })).toBeDisabled();
    await user.type(screen.getByLabelText(/Reason for approving/), 'The rest arrived on GRN-00012');
    await user.click(screen.getByRole('button', { name: 'Approve for payment' }));
    expect(onApprove).toHaveBeenCalledWith('The rest arrived on GRN-00012');
  });

  it('says a matched bill is payable, and one without an order is not matched', () => {
    const matched = { ...blocked, blockedForPayment: [], matching: blocked.matching.slice(0, 1) };
    const { unmount } = renderWithApp(<BillMatch bill={matched} onApprove={vi.fn()} />);
    expect(screen.getByText('Every line matched: the bill is payable.')).toBeInTheDocument();
    unmount();
    renderWithApp(<BillMatch bill={{ ...matched, purchaseOrderId: null }} onApprove={vi.fn()} />);
    expect(screen.getByText(/names no purchase order/)).toBeInTheDocument();
  });

  it('works out billed − received exactly', () => {
    expect(quantityVariance('0.3', '0.1')).toBe('0.2');
    expect(quantityVariance('100', '120.5')).toBe('-20.5');
  });
});
