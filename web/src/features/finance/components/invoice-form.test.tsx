import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { GraphqlRequestError } from '@/lib/errors';
import { renderWithApp } from '@/test/render';

import { InvoiceForm } from './invoice-form';

const customers = [{ value: 'acc-1', label: 'Ubuntu Property Developers (Pty) Ltd' }];
const projects = [{ value: 'prj-1', label: 'PRJ-2026-001 Menlyn Office Park Phase 2' }];

const totalRow = (label: RegExp) => within(screen.getByRole('table', { name: 'Totals before submit' })).getByRole('row', { name: label });

describe('raising an invoice', () => {
  it('shows each line’s VAT, the totals, retention and the amount due before submit', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    renderWithApp(<InvoiceForm customers={customers} projects={projects} onSubmit={onSubmit} />);

    await user.type(screen.getByLabelText('Line 1 description'), 'Progress claim 1');
    await user.clear(screen.getByLabelText('Line 1 quantity'));
    await user.type(screen.getByLabelText('Line 1 quantity'), '3');
    await user.type(screen.getByLabelText('Line 1 unit price'), '0.10');
    expect(screen.getByLabelText('Line 1 VAT')).toHaveTextContent('R 0.05');

    await user.click(screen.getByRole('button', { name: 'Add line' }));
    await user.type(screen.getByLabelText('Line 2 description'), 'Materials on site');
    await user.type(screen.getByLabelText('Line 2 unit price'), '100');
    await user.selectOptions(screen.getByLabelText('Line 2 VAT treatment'), 'ZERO_RATED');
    await user.type(screen.getByLabelText(/Retention/), '10');

    expect(screen.getByLabelText('Line 2 VAT')).toHaveTextContent('R 0.00');
    expect(totalRow(/Total excl\. VAT/)).toHaveTextContent('R 100.30');
    expect(totalRow(/^VAT/)).toHaveTextContent('R 0.05');
    expect(totalRow(/Total incl\. VAT/)).toHaveTextContent('R 100.35');
    expect(totalRow(/Retention \(10%/)).toHaveTextContent('R 10.03');
    expect(totalRow(/VAT on retention/)).toHaveTextContent('R 0.01');
    expect(totalRow(/Amount due/)).toHaveTextContent('R 90.31');

    await user.click(screen.getByRole('button', { name: 'Raise invoice' }));
    expect(onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({
        customerAccountId: 'acc-1',
        retentionPercent: '10',
        lines: [
          expect.objectContaining({ description: 'Progress claim 1', quantity: '3', unitPrice: '0.10', vatTreatment: 'STANDARD' }),
          expect.objectContaining({ description: 'Materials on site', quantity: '1', unitPrice: '100', vatTreatment: 'ZERO_RATED' }),
        ],
      }),
    );
  });

  it('cannot be sent while a line has no price', async () => {
    const user = userEvent.setup();
    renderWithApp(<InvoiceForm customers={customers} projects={projects} onSubmit={vi.fn()} />);
    await user.type(screen.getByLabelText('Line 1 description'), 'Site establishment');
    expect(screen.getByRole('button', { name: 'Raise invoice' })).toBeDisabled();
  });

  it('shows the server’s refusal of a line next to that line', () => {
    const error = new GraphqlRequestError([{ message: 'line 1: the unit price must be more than nought', extensions: { code: 'BAD_USER_INPUT' } }], 200);
    renderWithApp(<InvoiceForm customers={customers} projects={projects} onSubmit={vi.fn()} error={error} />);
    expect(screen.getByLabelText('Line 1 description')).toHaveAccessibleDescription(/The unit price must be more than nought/);
  });

  it('says plainly when the role may not raise invoices', () => {
    const error = new GraphqlRequestError([{ message: 'you do not have permission', extensions: { code: 'FORBIDDEN' } }], 200);
    renderWithApp(<InvoiceForm customers={customers} projects={projects} onSubmit={vi.fn()} error={error} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Your role may not raise invoices.');
  });
});
