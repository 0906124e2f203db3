import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { GraphqlRequestError } from '@/lib/errors';
import { renderWithApp } from '@/test/render';

import { PlanCampaignForm } from './campaign-form';

const SLOW = { timeout: 5000 };

function show(error?: unknown) {
  const onSubmit = vi.fn();
  renderWithApp(<PlanCampaignForm onSubmit={onSubmit} onCancel={() => undefined} error={error} />);
  return { onSubmit, user: userEvent.setup({ delay: null }) };
}

describe('the plan-campaign form', () => {
  it('refuses an end before the start and a budget that is not an amount, sending nothing', async () => {
    const { onSubmit, user } = show();
    await user.type(screen.getByLabelText(/^Name/), 'Durban Build Show');
    await user.type(screen.getByLabelText(/^Budget/), '45000.555');
    await user.clear(screen.getByLabelText(/^Starts on/));
    await user.type(screen.getByLabelText(/^Starts on/), '2026-12-10');
    await user.clear(screen.getByLabelText(/^Ends on/));
    await user.type(screen.getByLabelText(/^Ends on/), '2026-12-01');
    await user.click(screen.getByRole('button', { name: 'Plan campaign' }));

    expect(await screen.findByText('The campaign may not end before it starts', {}, SLOW)).toBeInTheDocument();
    expect(screen.getByText('An amount in rand with at most two decimal places, e.g. 45000.00')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();

    await user.clear(screen.getByLabelText(/^Budget/));
    await user.type(screen.getByLabelText(/^Budget/), '-10');
    expect(screen.getByText('Nought or more')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Plan campaign' }));
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('asks for a name and a budget before anything is sent', async () => {
    const { onSubmit, user } = show();
    await user.click(screen.getByRole('button', { name: 'Plan campaign' }));
    expect(await screen.findAllByText('Required', {}, SLOW)).toHaveLength(2);
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends the campaign with its segment once it is right', async () => {
    const { onSubmit, user } = show();
    await user.type(screen.getByLabelText(/^Name/), '  Durban Build Show ');
    await user.selectOptions(screen.getByLabelText(/^Channel/), 'TRADE_SHOW');
    await user.type(screen.getByLabelText(/^Budget/), '45000');
    await user.clear(screen.getByLabelText(/^Starts on/));
    await user.type(screen.getByLabelText(/^Starts on/), '2026-12-01');
    await user.clear(screen.getByLabelText(/^Ends on/));
    await user.type(screen.getByLabelText(/^Ends on/), '2026-12-01');
    await user.click(screen.getByRole('combobox', { name: 'Provinces' }));
    await user.click(await screen.findByRole('option', { name: 'KwaZulu-Natal', hidden: true }, SLOW));
    await user.selectOptions(screen.getByLabelText('Minimum CIDB grade'), '5');
    await user.click(screen.getByRole('button', { name: 'Plan campaign' }));

    expect(onSubmit).toHaveBeenCalledWith({
      name: 'Durban Build Show',
      channel: 'TRADE_SHOW',
      budget: '45000',
      startsOn: '2026-12-01',
      endsOn: '2026-12-01',
      segment: { sectors: [], provinces: ['KWAZULU_NATAL'], minCidbGrade: 5 },
    });
  });

  it('shows the server’s refusal in an alert, in its words', () => {
    show(new GraphqlRequestError([{ message: 'endsOn: the campaign ends on 2026-11-01, before it starts on 2026-12-01', extensions: { code: 'BAD_USER_INPUT' } }], 200));
    expect(screen.getByRole('alert')).toHaveTextContent('The campaign ends on 2026-11-01, before it starts on 2026-12-01.');
  });
});
