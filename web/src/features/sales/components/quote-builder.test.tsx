import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { GraphqlRequestError } from '@/lib/errors';
import { renderWithApp } from '@/test/render';

import { QuoteProductsQuery, StockLocationsQuery } from '../api/get-catalogue';
import { StockCheckQuery, withinTime } from '../api/stock-check';
import { QuoteBuilder, type QuoteBuilderValues } from './quote-builder';
import type { QuoteFormLine } from './quote-pricing';

const execute = vi.hoisted(() => vi.fn());
vi.mock('@/lib/graphql', () => ({ execute }));

/** Answers arrive late on a loaded machine (and the check waits 400 ms): up to 5 s. */
const SLOW = { timeout: 5000 };
const REP = ['sales.opportunities.read', 'sales.opportunities.write', 'inventory.catalogue.read'];

const products = [
  { sku: 'CEM-425-50KG', description: 'Cement CEM II 42.5N, 50 kg bag', unit: 'bag', sellPrice: '119.00', vat: 'STANDARD' },
  { sku: 'REBAR-Y12-6M', description: 'Reinforcing bar Y12, 6 m length', unit: 'length', sellPrice: '279.00', vat: 'STANDARD' },
];
const locations = [{ code: 'WH-JHB', name: 'Johannesburg warehouse', kind: 'WAREHOUSE', closed: false }];

type Check = (v: { product: string; quantity: string }) => unknown;

/** The catalogue, the locations, and inventory's answer per stock check (a thrown error: a failing check). */
function answer(check: Check) {
  execute.mockImplementation(async (document: unknown, variables: { product: string; quantity: string }) => {
    if (document === QuoteProductsQuery) return { products };
    if (document === StockLocationsQuery) return { stockLocations: locations };
    if (document === StockCheckQuery) {
      const result = check(variables);
      if (result instanceof Error) throw result;
      return { stockCheck: result };
    }
    throw new Error(`an unexpected request: ${String(document).slice(0, 60)}`);
  });
}

const stock = (status: string, v: { product: string; quantity: string }, figures: Record<string, string> = {}) => ({
  product: v.product,
  location: 'WH-JHB',
  quantity: v.quantity,
  status,
  available: '746',
  inTransit: '0',
  shortfall: '0',
  ...figures,
});

const line = (patch: Partial<QuoteFormLine>): QuoteFormLine => ({
  product: 'CEM-425-50KG',
  description: 'Cement CEM II 42.5N, 50 kg bag',
  quantity: '10',
  unitPrice: '119.00',
  discountPercent: '',
  vat: 'STANDARD',
  ...patch,
});

function build(initial: QuoteBuilderValues, props: { error?: unknown; onSubmit?: (input: unknown) => void } = {}) {
  const user = userEvent.setup({ delay: null });
  const onSubmit = props.onSubmit ?? vi.fn();
  const view = renderWithApp(<QuoteBuilder title="New quote" submitLabel="Save quote" initial={initial} onSubmit={onSubmit} error={props.error} />, { permissions: REP });
  return { user, onSubmit, view, form: within(screen.getByRole('form', { name: 'New quote' })) };
}

describe('the quote builder’s live stock check', () => {
  beforeEach(() => {
    execute.mockReset();
  });

  it('marks each product line available, in transit, short by what is missing, or unconfirmed with the reason', async () => {
    answer((v) => {
      if (v.product === 'REBAR-Y12-6M') return new GraphqlRequestError([{ message: 'product: REBAR-Y12-6M is not stocked at WH-JHB', extensions: { code: 'NOT_FOUND' } }], 200);
      if (v.product === 'PPE-HELMET-W') return new Error('inventory did not answer within 4 s');
      if (v.quantity === '100000') return stock('SHORT', v, { shortfall: '99254.000' });
      if (v.quantity === '800') return stock('IN_TRANSIT', v, { available: '746', inTransit: '60' });
      return stock('AVAILABLE', v);
    });
    const { form } = build({
      validUntil: '2099-12-31',
      location: 'WH-JHB',
      lines: [
        line({ quantity: '10' }),
        line({ quantity: '100000' }),
        line({ quantity: '800' }),
        line({ product: 'REBAR-Y12-6M', description: 'Reinforcing bar' }),
        line({ product: 'PPE-HELMET-W', description: 'Helmet' }),
        line({ product: '', description: 'Delivery and offloading', unitPrice: '4500.00' }),
      ],
    });
    await waitFor(() => expect(form.getByLabelText('Line 1 stock')).toHaveTextContent(/^available/), SLOW);
    await waitFor(() => expect(form.getByLabelText('Line 2 stock')).toHaveTextContent('short by 99254'), SLOW);
    expect(form.getByLabelText('Line 3 stock')).toHaveTextContent('in transit746 available, 60 on its way');
    expect(form.getByLabelText('Line 4 stock')).toHaveTextContent('unconfirmed — REBAR-Y12-6M is not stocked at WH-JHB.');
    expect(form.getByLabelText('Line 5 stock')).toHaveTextContent('unconfirmed — inventory did not answer within 4 s');
    expect(form.getByLabelText('Line 6 stock')).toHaveTextContent('not checked');
    // Asked with the validity date as "by", the quantity as typed.
    expect(execute).toHaveBeenCalledWith(StockCheckQuery, { product: 'CEM-425-50KG', location: 'WH-JHB', quantity: '100000', by: '2099-12-31' });
    // A failing check does not stop the form.
    expect(form.getByRole('button', { name: 'Save quote' })).toBeEnabled();
  });

  it('checks nothing without a location, and checks again when the quantity changes', async () => {
    answer((v) => (v.quantity === '100000' ? stock('SHORT', v, { shortfall: '99254' }) : stock('AVAILABLE', v)));
    const { form, user } = build({ validUntil: '2099-12-31', location: '', lines: [line({ quantity: '10' })] });
    await screen.findByRole('option', { name: 'WH-JHB — Johannesburg warehouse' }, SLOW);
    expect(form.getByLabelText('Line 1 stock')).toHaveTextContent('not checked');
    await user.selectOptions(form.getByLabelText(/^Supply location/), 'WH-JHB');
    await waitFor(() => expect(form.getByLabelText('Line 1 stock')).toHaveTextContent(/^available/), SLOW);
    await user.clear(form.getByLabelText('Line 1 quantity'));
    await user.type(form.getByLabelText('Line 1 quantity'), '100000');
    await waitFor(() => expect(form.getByLabelText('Line 1 stock')).toHaveTextContent('short by 99254'), SLOW);
  });

  it('times out a check that does not answer', async () => {
    await expect(withinTime(new Promise(() => undefined), 20)).rejects.toThrow('inventory did not answer within 0.02 s');
  });
});

describe('the quote builder’s figures and save', () => {
  beforeEach(() => {
    execute.mockReset();
  });

  it('fills a picked product’s description, price and VAT, and shows the lines’ net and VAT and the totals in cents', async () => {
    answer((v) => stock('AVAILABLE', v));
    const { form, user, onSubmit } = build({ validUntil: '2099-12-31', location: 'WH-JHB', lines: [line({ product: '', description: '', quantity: '2.5', unitPrice: '' })] });
    await user.click(form.getByLabelText('Line 1 product'));
    await user.type(form.getByLabelText('Line 1 product'), 'cement');
    // The dropdown is still in its opening transition for jsdom (hence `hidden`).
    await user.click(await screen.findByRole('option', { name: /CEM-425-50KG/, hidden: true }, SLOW));
    expect(form.getByLabelText('Line 1 description')).toHaveValue('Cement CEM II 42.5N, 50 kg bag');
    expect(form.getByLabelText('Line 1 unit price')).toHaveValue('119.00');
    await user.type(form.getByLabelText('Line 1 discount'), '7.5');
    // 2.5 × 119 = 297.50; less 7.5% = 275.1875 → 275.19; VAT 41.2785 → 41.28.
    expect(form.getByLabelText('Line 1 net')).toHaveTextContent('R 275.19');
    expect(form.getByLabelText('Line 1 VAT')).toHaveTextContent('R 41.28');
    await user.click(form.getByRole('button', { name: 'Add line' }));
    await user.type(form.getByLabelText('Line 2 description'), 'Delivery and offloading');
    await user.type(form.getByLabelText('Line 2 unit price'), '0.05');
    await user.selectOptions(form.getByLabelText('Line 2 VAT treatment'), 'ZERO_RATED');
    const totals = within(form.getByRole('table', { name: 'Quote totals' }));
    expect(totals.getByRole('row', { name: /^Net excl\. VAT/ })).toHaveTextContent('R 275.24');
    expect(totals.getByRole('row', { name: /^VAT/ })).toHaveTextContent('R 41.28');
    expect(totals.getByRole('row', { name: /^Total incl\. VAT/ })).toHaveTextContent('R 316.52');
    await user.click(form.getByRole('button', { name: 'Save quote' }));
    expect(onSubmit).toHaveBeenCalledWith({
      validUntil: '2099-12-31',
      location: 'WH-JHB',
      lines: [
        { product: 'CEM-425-50KG', description: 'Cement CEM II 42.5N, 50 kg bag', quantity: '2.5', unitPrice: '119.00', discountPercent: '7.5', vat: 'STANDARD' },
        { product: null, description: 'Delivery and offloading', quantity: '1', unitPrice: '0.05', discountPercent: null, vat: 'ZERO_RATED' },
      ],
    });
  });

  it('shows the server’s refusal of a discount above the caller’s limit at the line it names (from one)', async () => {
    answer((v) => stock('AVAILABLE', v));
    const refusal = new GraphqlRequestError([{ message: 'lines[2]: a discount of 12% is above your limit of 10%', extensions: { code: 'BAD_USER_INPUT' } }], 200);
    const { form } = build(
      { validUntil: '2099-12-31', location: 'WH-JHB', lines: [line({ discountPercent: '5' }), line({ discountPercent: '12' })] },
      { error: refusal },
    );
    expect(form.getByRole('alert')).toHaveTextContent('Line 2: A discount of 12% is above your limit of 10%.');
    expect(form.queryByText(/Line 1: /)).not.toBeInTheDocument();
  });

  it('shows a refusal that names no line above the button', async () => {
    answer((v) => stock('AVAILABLE', v));
    const refusal = new GraphqlRequestError([{ message: 'opportunityId: the opportunity is LOST and takes no more quotes', extensions: { code: 'BAD_USER_INPUT' } }], 200);
    const { form } = build({ validUntil: '2099-12-31', location: '', lines: [line({})] }, { error: refusal });
    expect(form.getByRole('alert')).toHaveTextContent('The opportunity is LOST and takes no more quotes.');
  });

  it('refuses a validity date in the past before anything is sent', async () => {
    answer((v) => stock('AVAILABLE', v));
    const { form, user, onSubmit } = build({ validUntil: '2020-01-01', location: '', lines: [line({})] });
    expect(form.getByText('The validity date may not be in the past')).toBeInTheDocument();
    expect(form.getByRole('button', { name: 'Save quote' })).toBeDisabled();
    await user.click(form.getByRole('button', { name: 'Save quote' }));
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
