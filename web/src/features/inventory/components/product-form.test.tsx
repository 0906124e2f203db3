import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { GraphqlRequestError } from '@/lib/errors';
import { renderWithApp } from '@/test/render';

import type { ProductRow } from '../api/get-products';
import { conversionProblems, ProductForm } from './product-form';

const VENDORS = [{ id: 'acc-highveld', name: 'Highveld Cement & Aggregates' }];

const CEMENT: ProductRow = {
  sku: 'CEM-425-50KG',
  description: 'Cement CEM II 42.5N, 50 kg bag',
  category: 'MATERIALS',
  unit: 'bag',
  conversions: [{ unit: 'pallet', factor: '40' }],
  standardCost: '88.5',
  sellPrice: '109.95',
  vat: 'STANDARD',
  reorderLevel: '300',
  reorderQuantity: '1200',
  preferredVendorId: 'acc-highveld',
  discontinued: false,
  updatedAt: '2026-12-01T08:00:00Z',
};

function open({ product, error }: { product?: ProductRow; error?: unknown } = {}) {
  const onSubmit = vi.fn();
  const user = userEvent.setup({ delay: null });
  renderWithApp(<ProductForm product={product} vendors={VENDORS} onSubmit={onSubmit} onCancel={() => undefined} error={error} />);
  const form = within(screen.getByRole('form', { name: product ? `Revise ${product.sku}` : 'Define product' }));
  return { user, form, onSubmit };
}

describe('the product form', () => {
  it('says what is missing before anything is sent', async () => {
    const { user, form, onSubmit } = open();
    await user.click(form.getByRole('button', { name: 'Define product' }));
    // SKU, description, stock unit, standard cost and sell price; category and VAT have a default.
    expect(form.getAllByText('Required')).toHaveLength(5);
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('checks prices, reorder figures and units as the catalogue does', async () => {
    const { user, form, onSubmit } = open();
    await user.type(form.getByLabelText(/^SKU/), 'sand-river-m3');
    await user.type(form.getByLabelText(/^Description/), 'River sand, washed');
    await user.type(form.getByLabelText(/^Stock unit/), 'm3');
    await user.type(form.getByLabelText(/^Standard cost/), '350.12345');
    expect(form.getByText('At most four decimal places')).toBeInTheDocument();
    await user.type(form.getByLabelText(/^Sell price/), '-1');
    expect(form.getByText('Enter a cost of nought or more, in rand')).toBeInTheDocument();
    await user.type(form.getByLabelText(/^Reorder level/), '2.5001');
    expect(form.getByText('At most three decimal places')).toBeInTheDocument();
    await user.type(form.getByLabelText(/^Reorder quantity/), 'lots');
    expect(form.getByText('Enter a quantity of nought or more')).toBeInTheDocument();

    // Another unit: not the stock unit again, and a factor above nought.
    await user.click(form.getByRole('button', { name: 'Add unit' }));
    await user.type(form.getByLabelText(/^Unit 1\s*\*?$/), 'M3');
    expect(form.getByText('Already named: the stock unit or another conversion')).toBeInTheDocument();
    await user.type(form.getByLabelText(/^Unit 1 factor/), '0');
    expect(form.getByText('Enter how many stock units one is, above nought')).toBeInTheDocument();
    await user.click(form.getByRole('button', { name: 'Define product' }));
    expect(onSubmit).not.toHaveBeenCalled();

    // Put right, it is sent: the SKU upper-cased, blanks as none.
    await user.clear(form.getByLabelText(/^Standard cost/));
    await user.type(form.getByLabelText(/^Standard cost/), '350');
    await user.clear(form.getByLabelText(/^Sell price/));
    await user.type(form.getByLabelText(/^Sell price/), '460.5');
    await user.clear(form.getByLabelText(/^Reorder level/));
    await user.clear(form.getByLabelText(/^Reorder quantity/));
    await user.clear(form.getByLabelText(/^Unit 1\s*\*?$/));
    await user.type(form.getByLabelText(/^Unit 1\s*\*?$/), 'tipper');
    await user.clear(form.getByLabelText(/^Unit 1 factor/));
    await user.type(form.getByLabelText(/^Unit 1 factor/), '10.5');
    await user.selectOptions(form.getByLabelText(/^Preferred vendor/), 'acc-highveld');
    await user.click(form.getByRole('button', { name: 'Define product' }));
    expect(onSubmit).toHaveBeenCalledWith({
      sku: 'SAND-RIVER-M3',
      description: 'River sand, washed',
      category: 'MATERIALS',
      unit: 'm3',
      conversions: [{ unit: 'tipper', factor: '10.5' }],
      standardCost: '350',
      sellPrice: '460.5',
      vat: 'STANDARD',
      reorderLevel: null,
      reorderQuantity: null,
      preferredVendorId: 'acc-highveld',
    });
  });

  it('revises an entry as it is, its SKU kept', async () => {
    const { user, form, onSubmit } = open({ product: CEMENT });
    expect(form.getByLabelText(/^SKU/)).toHaveAttribute('readonly');
    expect(form.getByLabelText(/^Unit 1 factor/)).toHaveValue('40');
    await user.clear(form.getByLabelText(/^Sell price/));
    await user.type(form.getByLabelText(/^Sell price/), '114.95');
    await user.click(form.getByRole('button', { name: 'Save changes' }));
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ sku: 'CEM-425-50KG', sellPrice: '114.95', conversions: [{ unit: 'pallet', factor: '40' }], reorderLevel: '300', preferredVendorId: 'acc-highveld' }));
  });

  it('shows the server’s refusal at the field it names, or above the button', () => {
    const field = new GraphqlRequestError([{ message: 'sellPrice: 1.23456 is not an amount of zero or more with at most 4 decimal places', extensions: { code: 'BAD_USER_INPUT' } }], 200);
    open({ product: CEMENT, error: field });
    expect(screen.getByLabelText(/^Sell price/)).toHaveAccessibleDescription(/1\.23456 is not an amount/);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows a refusal that names no field in an alert', () => {
    const general = new GraphqlRequestError([{ message: 'the product SAND-RIVER-M3 already exists', extensions: { code: 'BAD_USER_INPUT' } }], 200);
    open({ error: general });
    expect(screen.getByRole('alert')).toHaveTextContent('The product SAND-RIVER-M3 already exists.');
  });

  it('names each unit once, the stock unit included, whatever the case', () => {
    expect(conversionProblems('bag', [{ unit: 'Pallet', factor: '40' }, { unit: 'pallet', factor: '1' }, { unit: 'BAG', factor: '2' }])).toEqual([
      { unit: undefined, factor: undefined },
      { unit: 'Already named: the stock unit or another conversion', factor: undefined },
      { unit: 'Already named: the stock unit or another conversion', factor: undefined },
    ]);
  });
});
