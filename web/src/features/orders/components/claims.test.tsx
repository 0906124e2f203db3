import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { renderWithApp } from '@/test/render';

import type { ClaimRow, ProjectDetail } from '../api/get-project';
import { ClaimsTab } from './claims';

vi.mock('@/lib/graphql', () => ({ execute: vi.fn() }));

const claim = (n: number, status: string): ClaimRow => ({
  claimId: `claim-${n}`,
  claimNumber: `PC-00${n}`,
  periodEnd: '2026-11-30',
  status,
  amount: '300000.00',
  retention: '30000.00',
  retentionPercent: '10',
  vat: '40500.00',
  dueNow: '310500.00',
  submittedAt: '2026-11-30T08:00:00Z',
  decidedOn: status === 'APPROVED' ? '2026-12-01' : null,
  reason: null,
  invoiceId: status === 'APPROVED' ? 'inv-1' : null,
  invoiceNumber: status === 'APPROVED' ? 'INV-000007' : null,
  lines: [{ item: '1', description: 'Site establishment', percentToDate: '100', valueToDate: '150000.00', previouslyClaimed: '0.00', amount: '150000.00' }],
});

const project = {
  id: 'prj-1',
  code: 'PRJ-2026-014',
  billOfQuantities: [{ item: '1' }],
  claims: [claim(1, 'APPROVED'), claim(2, 'SUBMITTED')],
} as unknown as ProjectDetail;

describe('the progress claims tab', () => {
  it('lets an approver decide the open claim, links approved claims to their invoice, and shows lines on expand', async () => {
    const user = userEvent.setup();
    renderWithApp(<ClaimsTab project={project} />, { permissions: ['orders.claims.write', 'orders.claims.approve', 'finance.ledger.read'] });
    const table = screen.getByRole('table', { name: 'Progress claims' });
    expect(within(table).getByRole('row', { name: 'PC-002' })).toHaveTextContent('R 310 500.00');
    expect(screen.getByRole('button', { name: 'Approve PC-002' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Invoice of PC-001' })).toHaveAttribute('href', '/finance/invoices/inv-1');
    expect(screen.getByRole('link', { name: 'Invoice of PC-001' })).toHaveTextContent('Invoice INV-000007');
    expect(screen.getByRole('button', { name: 'New claim' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'PC-001' }));
    expect(screen.getByRole('table', { name: 'Lines of PC-001' })).toHaveTextContent('Site establishment');
  });

  it('offers no decision to a role that may not approve', () => {
    renderWithApp(<ClaimsTab project={project} />, { permissions: ['orders.projects.read_assigned'] });
    expect(screen.queryByRole('button', { name: /Approve/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New claim' })).not.toBeInTheDocument();
    expect(screen.getByText('Awaiting approval')).toBeInTheDocument();
  });
});
