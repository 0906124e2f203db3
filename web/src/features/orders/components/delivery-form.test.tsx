import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { GraphqlRequestError } from '@/lib/errors';
import { renderWithApp } from '@/test/render';

import { DeliveryForm } from './delivery-form';

const lines = [
  { lineNo: 1, description: 'Cement 50 kg', quantity: '10', delivered: '6', open: '4' },
  { lineNo: 2, description: 'Delivery to site', quantity: '1', delivered: '0', open: '1' },
];

describe('a shipment', () => {
  it('refuses more than is open on a line before anything is sent', async () => {
    const user = userEvent.setup({ delay: null });
    const onSubmit = vi.fn();
    renderWithApp(<DeliveryForm kind="ship" lines={lines} onSubmit={onSubmit} />);
    await user.type(screen.getByLabelText(/^Delivery note/), 'DN-1042');
    await user.type(screen.getByLabelText('Line 1 quantity to ship'), '4.0001');
    expect(screen.getByText('Only 4 still open on line 1')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Complete shipment' })).toBeDisabled();

    await user.clear(screen.getByLabelText('Line 1 quantity to ship'));
    await user.type(screen.getByLabelText('Line 1 quantity to ship'), '4.000');
    expect(screen.queryByText(/still open on line 1/)).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Complete shipment' }));
    // Only the lines that ship are sent.
    expect(onSubmit).toHaveBeenCalledWith({ deliveryNote: 'DN-1042', date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), lines: [{ lineNo: 1, quantity: '4.000' }] });
  });

  it('needs a delivery note and some quantity', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithApp(<DeliveryForm kind="ship" lines={lines} onSubmit={vi.fn()} />);
    expect(screen.getByText('Enter a quantity on at least one line.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Ship everything open' }));
    expect(screen.getByLabelText('Line 1 quantity to ship')).toHaveValue('4');
    expect(screen.getByRole('button', { name: 'Complete shipment' })).toBeDisabled();
    await user.type(screen.getByLabelText(/^Delivery note/), 'DN-7');
    expect(screen.getByRole('button', { name: 'Complete shipment' })).toBeEnabled();
  });

  it('shows the server’s refusal as it says it', () => {
    const error = new GraphqlRequestError([{ message: 'lines: line 1 has 4 still open, 5 asked for', extensions: { code: 'BAD_USER_INPUT' } }], 200);
    renderWithApp(<DeliveryForm kind="ship" lines={lines} onSubmit={vi.fn()} error={error} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Line 1 has 4 still open, 5 asked for.');
  });
});

describe('a goods receipt', () => {
  it('receives part of a line without a delivery note', async () => {
    const user = userEvent.setup({ delay: null });
    const onSubmit = vi.fn();
    renderWithApp(<DeliveryForm kind="receive" lines={lines} onSubmit={onSubmit} />);
    expect(screen.queryByLabelText(/^Delivery note/)).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Line 2 quantity to receive'), '-1');
    expect(screen.getByText('Enter a quantity of nought or more')).toBeInTheDocument();
    await user.clear(screen.getByLabelText('Line 2 quantity to receive'));
    await user.type(screen.getByLabelText('Line 2 quantity to receive'), '0.5');
    await user.click(screen.getByRole('button', { name: 'Record receipt' }));
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ deliveryNote: null, lines: [{ lineNo: 2, quantity: '0.5' }] }));
  });
});
