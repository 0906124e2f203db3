import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { renderWithApp } from '@/test/render';

import type { QuoteLineDetail } from '../api/get-quote';
import { QuoteLinesTable } from './quote-lines';

const stored = (stock: Partial<QuoteLineDetail['stock']> & { status: string }, product: string | null = 'CEM-425-50KG'): QuoteLineDetail => ({
  product,
  description: product ? 'Cement CEM II 42.5N, 50 kg bag' : 'Delivery and offloading',
  quantity: '10.000',
  unitPrice: '119.00',
  discountPercent: '0',
  net: '1190.00',
  vatTreatment: 'STANDARD',
  vat: '178.50',
  stock: { available: null, inTransit: null, shortfall: null, reason: null, ...stock },
});

describe('the stock a saved version’s lines were quoted with', () => {
  it('shows one badge per line for each status, the reason of an unconfirmed one as saved', () => {
    renderWithApp(
      <QuoteLinesTable
        lines={[
          stored({ status: 'AVAILABLE', available: '746.000' }),
          stored({ status: 'IN_TRANSIT', available: '0', inTransit: '40' }),
          stored({ status: 'SHORT', available: '746', shortfall: '99254.000' }),
          stored({ status: 'UNCONFIRMED', reason: 'inventory did not answer within 1500 ms' }),
          stored({ status: 'NOT_CHECKED' }, null),
        ]}
      />,
    );
    expect(screen.getByLabelText('Line 1 stock')).toHaveTextContent('available746 available');
    expect(screen.getByLabelText('Line 2 stock')).toHaveTextContent('in transit0 available, 40 on its way');
    expect(screen.getByLabelText('Line 3 stock')).toHaveTextContent('short by 99254');
    expect(screen.getByLabelText('Line 4 stock')).toHaveTextContent('unconfirmed — inventory did not answer within 1500 ms');
    expect(screen.getByLabelText('Line 5 stock')).toHaveTextContent('not checked');
    expect(screen.getByRole('row', { name: 'Line 5' })).toHaveTextContent('service');
    expect(screen.getByRole('row', { name: 'Line 1' })).toHaveTextContent('R 1 190.00');
  });
});
