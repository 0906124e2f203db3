import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { GraphqlRequestError } from '@/lib/errors';
import { renderWithApp } from '@/test/render';

import type { BoqRow } from '../api/get-project';
import { ClaimForm } from './claim-form';

const execute = vi.hoisted(() => vi.fn());
vi.mock('@/lib/graphql', () => ({ execute }));

const bill: BoqRow[] = [
  { item: '1', description: 'Site establishment', unit: 'sum', quantity: '1', rate: '150000.00', amount: '150000.00', costCode: null, percentToDate: '0', claimedToDate: '0.00' },
  { item: '2', description: 'Concrete foundations', unit: 'm3', quantity: '400', rate: '1500.00', amount: '600000.00', costCode: null, percentToDate: '0', claimedToDate: '0.00' },
];

const preview = {
  previewProgressClaim: {
    lines: [
      { item: '1', description: 'Site establishment', percentToDate: '100', valueToDate: '150000.00', previouslyClaimed: '0.00', amount: '150000.00' },
      { item: '2', description: 'Concrete foundations', percentToDate: '25', valueToDate: '150000.00', previouslyClaimed: '0.00', amount: '150000.00' },
    ],
    amount: '300000.00',
    retention: '30000.00',
    retentionPercent: '10',
    vat: '40500.00',
    dueNow: '310500.00',
    vatDeferred: '4500.00',
  },
};

const totals = () => within(screen.getByRole('table', { name: 'Claim before submit' }));

describe('a new progress claim', () => {
  beforeEach(() => execute.mockReset());

  it('shows the server’s preview of every line and the totals before submit, and submits what was previewed', async () => {
    execute.mockResolvedValue(preview);
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    renderWithApp(<ClaimForm projectId="prj-1" bill={bill} onSubmit={onSubmit} debounceMs={0} />, { permissions: ['orders.claims.write'] });

    await user.clear(screen.getByLabelText('Item 1 percent to date'));
    await user.type(screen.getByLabelText('Item 1 percent to date'), '100');
    await user.clear(screen.getByLabelText('Item 2 percent to date'));
    await user.type(screen.getByLabelText('Item 2 percent to date'), '25');

    await waitFor(() => expect(totals().getByRole('row', { name: /Due now/ })).toHaveTextContent('R 310 500.00'));
    expect(execute).toHaveBeenLastCalledWith(expect.anything(), {
      projectId: 'prj-1',
      lines: [
        { item: '1', percentToDate: '100' },
        { item: '2', percentToDate: '25' },
      ],
    });
    expect(screen.getByLabelText('Item 2 value to date')).toHaveTextContent('R 150 000.00');
    expect(screen.getByLabelText('Item 2 this claim')).toHaveTextContent('R 150 000.00');
    expect(totals().getByRole('row', { name: /Amount/ })).toHaveTextContent('R 300 000.00');
    expect(totals().getByRole('row', { name: /Retention \(10%\)/ })).toHaveTextContent('R 30 000.00');
    expect(totals().getByRole('row', { name: /VAT now/ })).toHaveTextContent('R 40 500.00');
    expect(totals().getByRole('row', { name: /VAT deferred/ })).toHaveTextContent('R 4 500.00');

    await user.click(screen.getByRole('button', { name: 'Submit claim' }));
    expect(onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({
        lines: [
          { item: '1', percentToDate: '100' },
          { item: '2', percentToDate: '25' },
        ],
      }),
    );
  });

  it('shows the server’s refusal next to the line it names, and cannot be submitted', async () => {
    const refusal = new GraphqlRequestError([{ message: 'lines[1].percentToDate: 120 is more than 100', extensions: { code: 'BAD_USER_INPUT' } }], 200);
    execute.mockImplementation((_document: unknown, variables?: { lines: { percentToDate: string }[] }) =>
      variables?.lines.some((l) => l.percentToDate === '120') ? Promise.reject(refusal) : Promise.resolve(preview),
    );
    const user = userEvent.setup();
    renderWithApp(<ClaimForm projectId="prj-1" bill={bill} onSubmit={vi.fn()} debounceMs={0} />, { permissions: ['orders.claims.write'] });
    await user.clear(screen.getByLabelText('Item 2 percent to date'));
    await user.type(screen.getByLabelText('Item 2 percent to date'), '120');
    await waitFor(() => expect(screen.getByLabelText('Item 2 percent to date')).toHaveAccessibleDescription(/120 is more than 100/));
    expect(screen.getByRole('button', { name: 'Submit claim' })).toBeDisabled();
  });

  it('shows a refusal of the whole claim beside the form', async () => {
    execute.mockResolvedValue(preview);
    const error = new GraphqlRequestError([{ message: 'claim PC-001 is still awaiting a decision; approve or reject it first', extensions: { code: 'BAD_USER_INPUT' } }], 200);
    renderWithApp(<ClaimForm projectId="prj-1" bill={bill} onSubmit={vi.fn()} error={error} debounceMs={0} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Claim PC-001 is still awaiting a decision');
  });
});
