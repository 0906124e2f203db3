import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { GraphqlRequestError } from '@/lib/errors';
import { renderWithApp } from '@/test/render';

import { StockLevelsQuery } from '../api/get-stock-levels';
import { AdjustStockMutation, IssueStockMutation, ReceiveStockMutation, ReserveStockMutation } from '../api/stock-commands';
import { StockActions } from './stock-actions';

const execute = vi.hoisted(() => vi.fn());
vi.mock('@/lib/graphql', () => ({ execute }));

/** Answers arrive late on a loaded machine: wait up to 5 s for them. */
const SLOW = { timeout: 5000 };

const WRITE = ['inventory.stock.read', 'inventory.stock.write'];
const suggestions = { products: ['CEM-425-50KG', 'REBAR-Y12-6M'], locations: ['WH-JHB'] };

const level = (onHand: string, reserved = '0') => ({
  id: 'pos-1',
  product: 'CEM-425-50KG',
  description: 'Cement CEM II 42.5N, 50 kg bag',
  unit: 'bag',
  location: 'WH-JHB',
  onHand,
  reserved,
  available: onHand,
  value: '0.00',
  averageCost: null,
  reorderLevel: '300',
  low: false,
  updatedAt: '2026-12-02T08:00:00Z',
});

const changed = { id: 'pos-1', correlationId: 'req-1' };

/** The stock levels read before and after a command, and the command's answer (or refusal). */
function answer(mutation: unknown, result: unknown, after = level('10')) {
  let sent = false;
  execute.mockImplementation(async (document: unknown) => {
    if (document === StockLevelsQuery) return { stockLevels: sent ? [after] : [] };
    if (document === mutation) {
      sent = true;
      if (result instanceof Error) throw result;
      return result;
    }
    throw new Error(`an unexpected request: ${String(document).slice(0, 60)}`);
  });
}

const sentWith = (mutation: unknown) => execute.mock.calls.filter(([document]) => document === mutation).map(([, variables]) => variables as unknown);

async function open(name: string) {
  const user = userEvent.setup({ delay: null });
  renderWithApp(<StockActions suggestions={suggestions} />, { permissions: WRITE });
  await user.click(screen.getByRole('button', { name }));
  const form = await screen.findByRole('form', { name }, SLOW);
  return { user, form: within(form) };
}

describe('receiving stock', () => {
  beforeEach(() => {
    execute.mockReset();
  });

  it('says what is missing or wrong before anything is sent', async () => {
    answer(ReceiveStockMutation, { receiveStock: changed });
    const { user, form } = await open('Receive stock');
    await user.click(form.getByRole('button', { name: 'Receive' }));
    expect(form.getAllByText('Required')).toHaveLength(5);
    await user.type(form.getByLabelText(/^Quantity/), '1.2345');
    expect(form.getByText('At most three decimal places')).toBeInTheDocument();
    await user.type(form.getByLabelText(/^Unit cost/), '12.34567');
    expect(form.getByText('At most four decimal places')).toBeInTheDocument();
    await user.clear(form.getByLabelText(/^Quantity/));
    await user.type(form.getByLabelText(/^Quantity/), '0');
    expect(form.getByText('Enter a quantity above nought')).toBeInTheDocument();
    await user.click(form.getByRole('button', { name: 'Receive' }));
    expect(sentWith(ReceiveStockMutation)).toHaveLength(0);
  });

  it('sends the position upper-cased, the quantity, the unit cost to 4 places and the reference', async () => {
    answer(ReceiveStockMutation, { receiveStock: changed });
    const { user, form } = await open('Receive stock');
    await user.type(form.getByLabelText(/^Product/), 'sand-river-m3');
    await user.type(form.getByLabelText(/^Location/), 'WH-JHB');
    await user.type(form.getByLabelText(/^Quantity/), '10');
    await user.type(form.getByLabelText(/^Unit cost/), '350.1234');
    await user.type(form.getByLabelText(/^Reference/), ' GRN-0042 ');
    await user.click(form.getByRole('button', { name: 'Receive' }));
    expect(await screen.findByRole('status', {}, SLOW)).toHaveTextContent('Received 10 of SAND-RIVER-M3 at WH-JHB (GRN-0042).');
    expect(sentWith(ReceiveStockMutation)).toEqual([{ product: 'SAND-RIVER-M3', location: 'WH-JHB', quantity: '10', unitCost: '350.1234', reference: 'GRN-0042' }]);
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Receive stock' })).not.toBeInTheDocument(), SLOW);
  });

  it('shows a product the catalogue does not know in the server’s words, at the product', async () => {
    answer(ReceiveStockMutation, new GraphqlRequestError([{ message: 'product: SAND-X is not in the product catalogue', extensions: { code: 'NOT_FOUND' } }], 200));
    const { user, form } = await open('Receive stock');
    await user.type(form.getByLabelText(/^Product/), 'SAND-X');
    await user.type(form.getByLabelText(/^Location/), 'WH-JHB');
    await user.type(form.getByLabelText(/^Quantity/), '1');
    await user.type(form.getByLabelText(/^Unit cost/), '350');
    await user.type(form.getByLabelText(/^Reference/), 'GRN-1');
    await user.click(form.getByRole('button', { name: 'Receive' }));
    expect(await form.findByText('SAND-X is not in the product catalogue.', {}, SLOW)).toBeInTheDocument();
  });
});

describe('issuing stock', () => {
  beforeEach(() => {
    execute.mockReset();
  });

  it('sends the project and cost code, and shows the server’s refusal in the form', async () => {
    const refusal = new GraphqlRequestError(
      [{ message: 'quantity: only 6 is available (on hand less reserved); 100 was asked for', extensions: { code: 'BAD_USER_INPUT' } }],
      200,
    );
    answer(IssueStockMutation, refusal);
    const { user, form } = await open('Issue stock');
    await user.type(form.getByLabelText(/^Product/), 'CEM-425-50KG');
    await user.type(form.getByLabelText(/^Location/), 'WH-JHB');
    await user.type(form.getByLabelText(/^Quantity/), '100');
    await user.click(form.getByRole('button', { name: 'Issue' }));
    // Project and cost code are required.
    expect(form.getAllByText('Required')).toHaveLength(2);
    await user.type(form.getByLabelText(/^Project/), 'PRJ-2026-001');
    await user.type(form.getByLabelText(/^Cost code/), 'CONCRETE');
    await user.type(form.getByLabelText(/^Reservation/), 'not-a-uuid');
    expect(form.getByText('A reservation id is a UUID, as reserving answered it')).toBeInTheDocument();
    await user.clear(form.getByLabelText(/^Reservation/));
    await user.click(form.getByRole('button', { name: 'Issue' }));

    expect(await form.findByText('Only 6 is available (on hand less reserved); 100 was asked for.', {}, SLOW)).toBeInTheDocument();
    expect(sentWith(IssueStockMutation)).toEqual([
      { input: { product: 'CEM-425-50KG', location: 'WH-JHB', quantity: '100', projectId: 'PRJ-2026-001', costCode: 'CONCRETE', reservationId: null } },
    ]);
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    // Changing the quantity puts the refusal away until the next try.
    await user.clear(form.getByLabelText(/^Quantity/));
    await user.type(form.getByLabelText(/^Quantity/), '4');
    expect(form.queryByText(/Only 6 is available/)).not.toBeInTheDocument();
  });

  it('shows a refusal that names no field above the button', async () => {
    answer(IssueStockMutation, new GraphqlRequestError([{ message: 'forbidden', extensions: { code: 'FORBIDDEN' } }], 200));
    const { user, form } = await open('Issue stock');
    await user.type(form.getByLabelText(/^Product/), 'CEM-425-50KG');
    await user.type(form.getByLabelText(/^Location/), 'WH-JHB');
    await user.type(form.getByLabelText(/^Quantity/), '1');
    await user.type(form.getByLabelText(/^Project/), 'PRJ-2026-001');
    await user.type(form.getByLabelText(/^Cost code/), 'CONCRETE');
    await user.click(form.getByRole('button', { name: 'Issue' }));
    expect(await form.findByRole('alert', {}, SLOW)).toHaveTextContent('Your role may not issue stock.');
  });
});

describe('adjusting and reserving stock', () => {
  beforeEach(() => {
    execute.mockReset();
  });

  it('needs a signed change that is not nought, a reason and a note', async () => {
    answer(AdjustStockMutation, { adjustStock: changed }, level('8'));
    const { user, form } = await open('Adjust stock');
    await user.type(form.getByLabelText(/^Product/), 'CEM-425-50KG');
    await user.type(form.getByLabelText(/^Location/), 'WH-JHB');
    await user.type(form.getByLabelText(/^Change in quantity/), '0');
    expect(form.getByText('An adjustment must change the quantity')).toBeInTheDocument();
    await user.clear(form.getByLabelText(/^Change in quantity/));
    await user.type(form.getByLabelText(/^Change in quantity/), '-2.0005');
    expect(form.getByText('At most three decimal places')).toBeInTheDocument();
    await user.clear(form.getByLabelText(/^Change in quantity/));
    await user.type(form.getByLabelText(/^Change in quantity/), '-2');
    expect(form.getByRole('option', { name: 'Theft' })).toBeInTheDocument();
    await user.selectOptions(form.getByLabelText(/^Reason/), 'DAMAGE');
    await user.click(form.getByRole('button', { name: 'Adjust' }));
    expect(form.getByText('Required')).toBeInTheDocument();
    await user.type(form.getByLabelText(/^Note/), 'Two bags split in the rain');
    await user.click(form.getByRole('button', { name: 'Adjust' }));
    expect(await screen.findByRole('status', {}, SLOW)).toHaveTextContent('Adjusted CEM-425-50KG at WH-JHB by -2.');
    expect(sentWith(AdjustStockMutation)).toEqual([{ product: 'CEM-425-50KG', location: 'WH-JHB', delta: '-2', reason: 'DAMAGE', note: 'Two bags split in the rain' }]);
  });

  it('reserves a positive quantity for a purpose and says the reservation’s id', async () => {
    answer(ReserveStockMutation, { reserveStock: { id: '0190c7a2-5d1e-7b3a-9f00-1234567890ab', correlationId: 'req-2' } }, level('0', '5'));
    const { user, form } = await open('Reserve stock');
    await user.type(form.getByLabelText(/^Product/), 'CEM-425-50KG');
    await user.type(form.getByLabelText(/^Location/), 'WH-JHB');
    await user.type(form.getByLabelText(/^Quantity/), '-1');
    expect(form.getByText('Enter a quantity above nought')).toBeInTheDocument();
    await user.clear(form.getByLabelText(/^Quantity/));
    await user.type(form.getByLabelText(/^Quantity/), '5.5');
    await user.click(form.getByRole('button', { name: 'Reserve' }));
    expect(form.getByText('Required')).toBeInTheDocument();
    await user.type(form.getByLabelText(/^Purpose/), 'SO-000123');
    await user.click(form.getByRole('button', { name: 'Reserve' }));
    expect(await screen.findByRole('status', {}, SLOW)).toHaveTextContent('reservation 0190c7a2-5d1e-7b3a-9f00-1234567890ab');
    expect(sentWith(ReserveStockMutation)).toEqual([{ product: 'CEM-425-50KG', location: 'WH-JHB', quantity: '5.5', purpose: 'SO-000123' }]);
  });
});

describe('who may move stock', () => {
  it('offers the commands only with inventory.stock.write', () => {
    const { unmount } = renderWithApp(<StockActions suggestions={suggestions} />, { permissions: ['inventory.stock.read'] });
    expect(screen.queryByRole('button', { name: 'Receive stock' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Issue stock' })).not.toBeInTheDocument();
    unmount();
    renderWithApp(<StockActions suggestions={suggestions} />, { permissions: WRITE });
    for (const name of ['Receive stock', 'Issue stock', 'Adjust stock', 'Reserve stock']) {
      expect(screen.getByRole('button', { name })).toBeInTheDocument();
    }
  });
});
