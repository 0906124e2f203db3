import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { configureGraphql } from '@/lib/graphql';
import { renderWithApp } from '@/test/render';

import { PaymentForm } from './payment-form';

const OPTIONS = {
  accounts: {
    nodes: [
      { id: 'c-1', name: 'Ubuntu Property Developers (Pty) Ltd', kind: 'CUSTOMER' },
      { id: 'c-2', name: 'City of Tshwane', kind: 'CUSTOMER' },
      { id: 'v-1', name: 'Karoo Plant Hire', kind: 'VENDOR' },
    ],
  },
  invoices: [
    { id: 'i-1', number: 'INV-000001', recipient: { accountId: 'c-1' }, amountOpen: '437334.00' },
    { id: 'i-2', number: 'INV-000002', recipient: { accountId: 'c-1' }, amountOpen: '0.00' },
    { id: 'i-3', number: 'INV-000003', recipient: { accountId: 'c-2' }, amountOpen: '10.00' },
  ],
  bills: [{ id: 'b-1', supplierReference: 'KPH-881', supplier: { accountId: 'v-1' }, amountOpen: '5000.00' }],
};

afterEach(() => vi.unstubAllGlobals());

describe('recording a payment', () => {
  it('offers only the chosen customer’s open invoices and sends the allocation', async () => {
    const requests: { query: string; variables: Record<string, unknown> }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: RequestInit) => {
        const body = JSON.parse(init.body as string) as { query: string; variables: Record<string, unknown> };
        requests.push(body);
        const data = body.query.includes('mutation RecordPayment')
          ? { recordPayment: { id: 'p-1', correlationId: 'r-1' } }
          : OPTIONS;
        return new Response(JSON.stringify({ data }), { status: 200 });
      }),
    );
    configureGraphql({ getAccessToken: async () => 't', onSessionEnded: vi.fn() });
    const user = userEvent.setup();
    const onDone = vi.fn();
    renderWithApp(<PaymentForm onDone={onDone} />);

    const customer = await screen.findByLabelText(/^Customer/);
    expect(screen.queryByRole('option', { name: 'Karoo Plant Hire' })).not.toBeInTheDocument();
    await user.selectOptions(customer, 'c-1');
    const settles = screen.getByLabelText('Settles');
    expect(screen.getByRole('option', { name: 'INV-000001 (open R 437 334.00)' })).toBeInTheDocument();
    expect(screen.queryByRole('option', { name: /INV-000002/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('option', { name: /INV-000003/ })).not.toBeInTheDocument();

    expect(screen.getByRole('button', { name: 'Record payment' })).toBeDisabled();
    await user.type(screen.getByLabelText(/^Amount/), '100000.00');
    await user.selectOptions(settles, 'i-1');
    await user.click(screen.getByRole('button', { name: 'Record payment' }));

    await vi.waitFor(() => expect(onDone).toHaveBeenCalled());
    const mutation = requests.find((r) => r.query.includes('mutation RecordPayment'));
    expect(mutation?.variables.input).toMatchObject({
      direction: 'RECEIVED',
      counterpartyId: 'c-1',
      amount: '100000.00',
      allocations: [{ documentId: 'i-1', amount: '100000.00' }],
    });
  });
});
