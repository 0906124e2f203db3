import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { GraphqlRequestError } from '@/lib/errors';
import { renderWithApp } from '@/test/render';

import { OrderForm } from './order-form';

const customers = [{ value: 'acc-1', label: 'Ubuntu Property Developers (Pty) Ltd' }];
const suppliers = [{ value: 'acc-9', label: 'Highveld Cement & Aggregates' }];
const projects = [{ value: 'prj-1', label: 'PRJ-2026-001 Menlyn Office Park Phase 2' }];

describe('placing a sales order', () => {
  it('prices each line as the server does and sends the SKU upper-cased', async () => {
    const user = userEvent.setup({ delay: null });
    const onSubmit = vi.fn();
    renderWithApp(<OrderForm kind="sales" parties={customers} projects={projects} onSubmit={onSubmit} />);

    await user.type(screen.getByLabelText('Line 1 SKU'), 'cem-50kg');
    await user.type(screen.getByLabelText('Line 1 description'), 'Cement 50 kg');
    await user.clear(screen.getByLabelText('Line 1 quantity'));
    await user.type(screen.getByLabelText('Line 1 quantity'), '2.5');
    await user.type(screen.getByLabelText('Line 1 unit price'), '1234.57');
    // 2.5 × 1 234.57 = 3 086.425 → rounded half up to R 3 086.43
    expect(screen.getByLabelText('Line 1 value')).toHaveTextContent('R 3 086.43');

    await user.click(screen.getByRole('button', { name: 'Add line' }));
    await user.type(screen.getByLabelText('Line 2 description'), 'Delivery to site');
    await user.type(screen.getByLabelText('Line 2 unit price'), '0.10');
    expect(screen.getByLabelText('Order total excl. VAT')).toHaveTextContent('R 3 086.53');

    await user.click(screen.getByRole('button', { name: 'Place order' }));
    expect(onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({
        accountId: 'acc-1',
        projectId: 'prj-1',
        retentionPercent: null,
        lines: [
          { sku: 'CEM-50KG', description: 'Cement 50 kg', quantity: '2.5', unitPrice: '1234.57', vatTreatment: 'STANDARD' },
          { sku: null, description: 'Delivery to site', quantity: '1', unitPrice: '0.10', vatTreatment: 'STANDARD' },
        ],
      }),
    );
  });

  it('says what is wrong with a line and cannot be sent until it is right', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithApp(<OrderForm kind="sales" parties={customers} projects={projects} onSubmit={vi.fn()} />);
    await user.type(screen.getByLabelText('Line 1 SKU'), 'x');
    await user.type(screen.getByLabelText('Line 1 description'), 'Rebar');
    await user.clear(screen.getByLabelText('Line 1 quantity'));
    await user.type(screen.getByLabelText('Line 1 quantity'), '0');
    await user.type(screen.getByLabelText('Line 1 unit price'), '12.345');
    expect(screen.getByText('A SKU is 2–40 capital letters, digits and - . /')).toBeInTheDocument();
    expect(screen.getByText('Enter a quantity above nought')).toBeInTheDocument();
    expect(screen.getByText(/Enter a price above nought/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Place order' })).toBeDisabled();

    await user.clear(screen.getByLabelText('Line 1 SKU'));
    await user.clear(screen.getByLabelText('Line 1 quantity'));
    await user.type(screen.getByLabelText('Line 1 quantity'), '1.00005');
    expect(screen.getByText('At most four decimal places')).toBeInTheDocument();
    await user.type(screen.getByLabelText(/Retention/), '25');
    expect(screen.getByText('Enter a percentage from 0 to 20')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Place order' })).toBeDisabled();
  });

  it('shows the server’s refusal at the line it names', () => {
    const error = new GraphqlRequestError([{ message: 'lines[0].quantity: at most 4 decimal places', extensions: { code: 'BAD_USER_INPUT' } }], 200);
    renderWithApp(<OrderForm kind="sales" parties={customers} projects={projects} onSubmit={vi.fn()} error={error} />);
    expect(screen.getByText('At most 4 decimal places.')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});

describe('raising a purchase order', () => {
  it('needs a cost code, and shows a refusal of the whole order above the button', async () => {
    const user = userEvent.setup({ delay: null });
    const error = new GraphqlRequestError([{ message: 'vendor: Karoo Plant Hire is archived', extensions: { code: 'BAD_USER_INPUT' } }], 200);
    const onSubmit = vi.fn();
    renderWithApp(<OrderForm kind="purchase" parties={suppliers} projects={null} onSubmit={onSubmit} error={error} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Karoo Plant Hire is archived.');
    await user.type(screen.getByLabelText(/^Project id/), 'prj-7');
    await user.type(screen.getByLabelText('Line 1 description'), 'Ready-mix concrete 30 MPa');
    await user.type(screen.getByLabelText('Line 1 unit price'), '1850');
    expect(screen.getByRole('button', { name: 'Raise order' })).toBeDisabled();
    await user.type(screen.getByLabelText(/^Cost code/), 'CONCRETE');
    await user.click(screen.getByRole('button', { name: 'Raise order' }));
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ accountId: 'acc-9', projectId: 'prj-7', costCode: 'CONCRETE', retentionPercent: null }));
  });
});
