import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { renderWithApp } from '@/test/render';

import { DefineProductMutation, DiscontinueProductMutation } from '../api/catalogue-commands';
import { CatalogueProductQuery, CatalogueProductsQuery, CatalogueVendorsQuery } from '../api/get-products';
import { CatalogueRoute } from './catalogue';

const execute = vi.hoisted(() => vi.fn());
vi.mock('@/lib/graphql', () => ({ execute }));

const SLOW = { timeout: 5000 };
const READ = ['identity.read', 'inventory.catalogue.read'];
const WRITE = [...READ, 'inventory.catalogue.write'];

const product = (sku: string, category: string, discontinued = false) => ({
  sku,
  description: `${sku} description`,
  category,
  unit: 'bag',
  conversions: sku.startsWith('CEM') ? [{ unit: 'pallet', factor: '40' }] : [],
  standardCost: '88.875',
  sellPrice: '109.95',
  vat: 'STANDARD',
  reorderLevel: '300',
  reorderQuantity: '1200',
  preferredVendorId: sku.startsWith('CEM') ? 'acc-highveld' : null,
  discontinued,
  updatedAt: '2026-12-01T08:00:00Z',
});

let catalogue = [product('CEM-425-50KG', 'MATERIALS'), product('GLOVE-NITRILE-L', 'PPE'), product('BRICK-OLD', 'MATERIALS', true)];

beforeEach(() => {
  execute.mockReset();
  catalogue = [product('CEM-425-50KG', 'MATERIALS'), product('GLOVE-NITRILE-L', 'PPE'), product('BRICK-OLD', 'MATERIALS', true)];
  execute.mockImplementation(async (document: unknown, variables: { search?: string | null; includeDiscontinued?: boolean; sku?: string; input?: { sku: string } }) => {
    if (document === CatalogueProductsQuery) {
      const wanted = variables.search?.toLowerCase() ?? '';
      return { products: catalogue.filter((p) => (variables.includeDiscontinued || !p.discontinued) && (!wanted || p.sku.toLowerCase().includes(wanted) || p.description.toLowerCase().includes(wanted))) };
    }
    if (document === CatalogueVendorsQuery) return { accounts: { nodes: [{ id: 'acc-highveld', name: 'Highveld Cement & Aggregates', status: 'ACTIVE' }] } };
    if (document === CatalogueProductQuery) {
      const found = catalogue.find((p) => p.sku === variables.sku);
      return { product: found ? { sku: found.sku, discontinued: found.discontinued, updatedAt: found.updatedAt } : null };
    }
    if (document === DefineProductMutation && variables.input) {
      catalogue = [...catalogue, { ...product(variables.input.sku, 'TOOLS'), updatedAt: '2026-12-02T08:00:00Z' }];
      return { defineProduct: { code: variables.input.sku, correlationId: 'r1' } };
    }
    if (document === DiscontinueProductMutation) {
      catalogue = catalogue.map((p) => (p.sku === variables.sku ? { ...p, discontinued: true } : p));
      return { discontinueProduct: { code: variables.sku, correlationId: 'r2' } };
    }
    throw new Error('an unexpected request');
  });
});

describe('the product catalogue', () => {
  it('lists the products with their units, prices and vendor, filtered by category and text', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithApp(<CatalogueRoute />, { permissions: READ, path: '/inventory/catalogue' });
    const table = await screen.findByRole('table', { name: 'Products' }, SLOW);
    const cement = within(table).getByRole('row', { name: 'CEM-425-50KG' });
    for (const text of ['Materials', '1 pallet = 40 bag', 'R 88.875', 'R 109.95', 'Standard (15%)', 'Highveld Cement & Aggregates', 'active']) expect(cement).toHaveTextContent(text);
    expect(within(table).queryByRole('row', { name: 'BRICK-OLD' })).not.toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Category'), 'PPE');
    expect(within(table).queryByRole('row', { name: 'CEM-425-50KG' })).not.toBeInTheDocument();
    expect(within(table).getByRole('row', { name: 'GLOVE-NITRILE-L' })).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Category'), '');

    await user.click(screen.getByRole('checkbox', { name: 'Show discontinued' }));
    await user.type(screen.getByLabelText('Search'), 'brick');
    await waitFor(() => expect(execute).toHaveBeenCalledWith(CatalogueProductsQuery, { search: 'brick', includeDiscontinued: true }), SLOW);
    const old = await within(await screen.findByRole('table', { name: 'Products' })).findByRole('row', { name: 'BRICK-OLD' }, SLOW);
    expect(old).toHaveTextContent('discontinued');

    // Those who only read the catalogue keep nothing.
    expect(screen.queryByRole('button', { name: 'Define product' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Revise / })).not.toBeInTheDocument();
  });

  it('defines a product and discontinues one with a reason', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithApp(<CatalogueRoute />, { permissions: WRITE, path: '/inventory/catalogue' });
    await screen.findByRole('table', { name: 'Products' }, SLOW);
    await user.click(screen.getByRole('button', { name: 'Define product' }));
    const form = within(await screen.findByRole('form', { name: 'Define product' }, SLOW));
    await user.type(form.getByLabelText(/^SKU/), 'drill-sds-18v');
    await user.selectOptions(form.getByLabelText(/^Category/), 'TOOLS');
    await user.type(form.getByLabelText(/^Description/), 'SDS drill, 18 V');
    await user.type(form.getByLabelText(/^Stock unit/), 'each');
    await user.type(form.getByLabelText(/^Standard cost/), '2450');
    await user.type(form.getByLabelText(/^Sell price/), '3199');
    await user.click(form.getByRole('button', { name: 'Define product' }));
    expect(execute).toHaveBeenCalledWith(DefineProductMutation, {
      input: expect.objectContaining({ sku: 'DRILL-SDS-18V', category: 'TOOLS', unit: 'each', standardCost: '2450', sellPrice: '3199', conversions: [] }),
    });
    expect(await screen.findByText('Product DRILL-SDS-18V defined.', {}, SLOW)).toBeInTheDocument();
    await within(screen.getByRole('table', { name: 'Products' })).findByRole('row', { name: 'DRILL-SDS-18V' }, SLOW);

    await user.click(screen.getByRole('button', { name: 'Discontinue GLOVE-NITRILE-L' }));
    const discontinue = within(await screen.findByRole('form', { name: 'Discontinue GLOVE-NITRILE-L' }, SLOW));
    await user.click(discontinue.getByRole('button', { name: 'Discontinue' }));
    expect(discontinue.getByText('Say why it is discontinued')).toBeInTheDocument();
    await user.type(discontinue.getByLabelText(/^Reason/), 'Replaced by the cut-resistant glove');
    await user.click(discontinue.getByRole('button', { name: 'Discontinue' }));
    expect(execute).toHaveBeenCalledWith(DiscontinueProductMutation, { sku: 'GLOVE-NITRILE-L', reason: 'Replaced by the cut-resistant glove' });
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Products' })).queryByRole('row', { name: 'GLOVE-NITRILE-L' })).not.toBeInTheDocument(), SLOW);
  });
});
