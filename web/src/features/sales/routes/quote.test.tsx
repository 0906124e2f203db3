import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { GraphqlRequestError } from '@/lib/errors';
import { renderWithApp } from '@/test/render';

import { OpportunityQuery } from '../api/get-opportunity';
import { QuoteQuery } from '../api/get-quote';
import { AcceptQuoteMutation } from '../api/quote-actions';
import { QuoteRoute } from './quote';

const execute = vi.hoisted(() => vi.fn());
vi.mock('@/lib/graphql', () => ({ execute }));

const SLOW = { timeout: 5000 };

const quote = (status: string) => ({
  id: 'q-1',
  opportunityId: 'opp-1',
  version: 2,
  status,
  validUntil: '2026-12-31',
  location: 'WH-JHB',
  lines: [
    {
      product: 'CEM-425-50KG',
      description: 'Cement CEM II 42.5N, 50 kg bag',
      quantity: '100000',
      unitPrice: '119.00',
      discountPercent: '0',
      net: '11900000.00',
      vatTreatment: 'STANDARD',
      vat: '1785000.00',
      stock: { status: 'SHORT', available: '746', inTransit: null, shortfall: '99254', reason: null },
    },
    {
      product: 'SAND-RIVER-M3',
      description: 'River sand, washed',
      quantity: '3',
      unitPrice: '460.00',
      discountPercent: '0',
      net: '1380.00',
      vatTreatment: 'STANDARD',
      vat: '207.00',
      stock: { status: 'UNCONFIRMED', available: null, inTransit: null, shortfall: null, reason: 'inventory is unavailable' },
    },
  ],
  net: '11901380.00',
  vat: '1785207.00',
  total: '13686587.00',
  createdAt: '2026-12-02T08:00:00Z',
  updatedAt: '2026-12-02T09:00:00Z',
});

function answer(status = 'DRAFT') {
  execute.mockImplementation(async (document: unknown) => {
    if (document === QuoteQuery) return { quote: quote(status) };
    if (document === OpportunityQuery) return { opportunity: { id: 'opp-1', name: 'Mahlangu Developments', owner: 'demo.sales.rep', stage: 'QUALIFICATION', accountId: 'acc-1' } };
    if (document === AcceptQuoteMutation) throw new GraphqlRequestError([{ message: 'the quote expired on 2026-12-01', extensions: { code: 'BAD_USER_INPUT' } }], 200);
    throw new Error('an unexpected request');
  });
}

const show = (permissions: string[]) =>
  renderWithApp(
    <Routes>
      <Route path="/quotes/:id" element={<QuoteRoute />} />
    </Routes>,
    { permissions, path: '/quotes/q-1' },
  );

describe('a quote’s page', () => {
  beforeEach(() => {
    execute.mockReset();
  });

  it('shows the version, the totals and the stock saved per line, the reason of an unconfirmed one', async () => {
    answer();
    show(['sales.opportunities.read']);
    await screen.findByRole('heading', { name: 'Quote for Mahlangu Developments, version 2' }, SLOW);
    expect(screen.getByLabelText('Line 1 stock')).toHaveTextContent('short by 99254');
    expect(screen.getByLabelText('Line 2 stock')).toHaveTextContent('unconfirmed — inventory is unavailable');
    expect(screen.getByRole('table', { name: 'Quote details' })).toHaveTextContent('R 13 686 587.00');
    // Reading only: no decisions.
    expect(screen.queryByRole('button', { name: 'Accept' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Revise' })).not.toBeInTheDocument();
  });

  it('offers Revise and Accept on a draft to those who may quote, and shows the server’s refusal', async () => {
    answer();
    const user = userEvent.setup({ delay: null });
    show(['sales.opportunities.read', 'sales.opportunities.write']);
    expect(await screen.findByRole('link', { name: 'Revise' }, SLOW)).toHaveAttribute('href', '/quotes/q-1/revise');
    await user.click(screen.getByRole('button', { name: 'Accept' }));
    expect(await screen.findByRole('alert', {}, SLOW)).toHaveTextContent('The quote expired on 2026-12-01.');
  });

  it('offers nothing on an accepted quote', async () => {
    answer('ACCEPTED');
    show(['sales.opportunities.read', 'sales.opportunities.write']);
    await screen.findByLabelText('Quote status', {}, SLOW);
    expect(screen.getByLabelText('Quote status')).toHaveTextContent('Accepted');
    expect(screen.queryByRole('button', { name: 'Accept' })).not.toBeInTheDocument();
  });
});
