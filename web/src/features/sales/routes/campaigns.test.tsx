import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { GraphqlRequestError } from '@/lib/errors';
import { renderWithApp } from '@/test/render';

import { CloseCampaignMutation, PlanCampaignMutation, RecordCampaignResponseMutation, RecordCampaignSpendMutation } from '../api/campaign-actions';
import { CampaignLeadsQuery, CampaignQuery, CampaignsQuery } from '../api/get-campaigns';
import { LeadScoresQuery } from '../api/get-lead-scores';
import { CampaignRoute } from './campaign';
import { CampaignsRoute } from './campaigns';

const execute = vi.hoisted(() => vi.fn());
vi.mock('@/lib/graphql', () => ({ execute }));

const SLOW = { timeout: 5000 };
const AUDITOR = ['sales.opportunities.read'];
const REP = [...AUDITOR, 'sales.opportunities.write'];
const MANAGER = [...REP, 'sales.settings.write'];

const campaign = (patch: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 'cmp-1',
  name: 'Gauteng Build Expo',
  channel: 'TRADE_SHOW',
  budget: '45000.00',
  spent: '32000.00',
  startsOn: '2026-11-16',
  endsOn: '2026-12-14',
  segment: { sectors: ['COMMERCIAL', 'INFRASTRUCTURE'], provinces: ['GAUTENG'], minCidbGrade: 5 },
  status: 'ACTIVE',
  closedOn: null,
  leadCount: 3,
  siteVisits: 1,
  opportunities: 2,
  won: 1,
  lost: 1,
  costPerLead: '10666.67',
  winRate: '50.0',
  ...patch,
});

let campaigns: Record<string, unknown>[] = [];
let leads: { leadId: string; companyName: string; responses: number; siteVisitBooked: boolean; firstResponseOn: string; score: number | null }[] = [];

function serve(refuse?: Error) {
  execute.mockImplementation(async (document: unknown, variables: Record<string, unknown>) => {
    if (document === CampaignsQuery) return { campaigns };
    if (document === CampaignQuery) return { campaign: campaigns.find((c) => c.id === variables.id) ?? null };
    if (document === CampaignLeadsQuery) return { campaignLeads: leads };
    if (document === LeadScoresQuery) return { leadScores: [{ leadId: 'lead-2', companyName: 'Mahlangu Developments', score: 30 }, { leadId: 'lead-1', companyName: 'Ubuntu Property Developers', score: 55 }] };
    if (refuse) throw refuse;
    if (document === PlanCampaignMutation) {
      const input = variables.input as { name: string };
      campaigns = [campaign({ id: 'cmp-2', name: input.name, spent: '0.00', leadCount: 0, siteVisits: 0, opportunities: 0, won: 0, lost: 0, costPerLead: null, winRate: null }), ...campaigns];
      return { planCampaign: { id: 'cmp-2', correlationId: 'c1' } };
    }
    if (document === RecordCampaignSpendMutation) {
      campaigns = campaigns.map((c) => (c.id === variables.campaignId ? { ...c, spent: '33500.00', costPerLead: '11166.67' } : c));
      return { recordCampaignSpend: { id: variables.campaignId, correlationId: 'c2' } };
    }
    if (document === RecordCampaignResponseMutation) {
      leads = [...leads, { leadId: String(variables.leadId), companyName: 'Mahlangu Developments', responses: 1, siteVisitBooked: variables.kind === 'SITE_VISIT_BOOKED', firstResponseOn: String(variables.on), score: 55 }];
      campaigns = campaigns.map((c) => (c.id === variables.campaignId ? { ...c, leadCount: Number(c.leadCount) + 1 } : c));
      return { recordCampaignResponse: { id: variables.campaignId, correlationId: 'c3' } };
    }
    if (document === CloseCampaignMutation) {
      campaigns = campaigns.map((c) => (c.id === variables.campaignId ? { ...c, status: 'CLOSED', closedOn: String(variables.on) } : c));
      return { closeCampaign: { id: variables.campaignId, correlationId: 'c4' } };
    }
    throw new Error(`an unexpected request: ${String(document).slice(0, 60)}`);
  });
}

const showList = (permissions: string[]) => renderWithApp(<CampaignsRoute />, { permissions, path: '/sales/campaigns' });
const showCampaign = (permissions: string[]) =>
  renderWithApp(
    <Routes>
      <Route path="/sales/campaigns/:id" element={<CampaignRoute />} />
    </Routes>,
    { permissions, path: '/sales/campaigns/cmp-1' },
  );

describe('the campaigns', () => {
  beforeEach(() => {
    execute.mockReset();
    campaigns = [campaign()];
    leads = [{ leadId: 'lead-1', companyName: 'Ubuntu Property Developers', responses: 2, siteVisitBooked: true, firstResponseOn: '2026-11-20', score: 55 }];
    serve();
  });

  it('lists each campaign with its figures, cost per lead and win rate, and no planning for a rep', async () => {
    showList(REP);
    const row = await screen.findByRole('row', { name: 'Gauteng Build Expo' }, SLOW);
    const cells = within(row).getAllByRole('cell').map((c) => c.textContent);
    expect(cells).toEqual(['Gauteng Build Expo', 'Trade show', '2026-11-16 – 2026-12-14', 'R 45 000.00', 'R 32 000.00', '3', '1', '2', '1 / 1', 'R 10 666.67', '50.0%', 'active']);
    expect(within(row).getByRole('link', { name: 'Gauteng Build Expo' })).toHaveAttribute('href', '/sales/campaigns/cmp-1');
    expect(screen.queryByRole('button', { name: 'Plan campaign' })).not.toBeInTheDocument();
  });

  it('lets a manager plan a campaign and finds it listed once read back', async () => {
    const user = userEvent.setup({ delay: null });
    showList(MANAGER);
    await user.click(await screen.findByRole('button', { name: 'Plan campaign' }, SLOW));
    const form = await screen.findByRole('form', { name: 'Plan campaign' }, SLOW);
    await user.type(within(form).getByLabelText(/^Name/), 'Durban Build Show');
    await user.type(within(form).getByLabelText(/^Budget/), '20000');
    await user.click(within(form).getByRole('button', { name: 'Plan campaign' }));
    expect(await screen.findByRole('row', { name: 'Durban Build Show' }, SLOW)).toHaveTextContent('—');
    expect(screen.getByRole('status')).toHaveTextContent('Campaign Durban Build Show planned.');
    expect(execute).toHaveBeenCalledWith(PlanCampaignMutation, { input: expect.objectContaining({ name: 'Durban Build Show', budget: '20000', channel: 'EMAIL' }) });
  });

  it('shows a campaign’s figures, segment and leads; a reader gets no commands', async () => {
    showCampaign(AUDITOR);
    expect(await screen.findByRole('group', { name: 'Cost per lead' }, SLOW)).toHaveTextContent('R 10 666.67');
    expect(screen.getByRole('group', { name: 'Win rate' })).toHaveTextContent('50.0%');
    const details = screen.getByRole('table', { name: 'Campaign details' });
    expect(details).toHaveTextContent('Commercial, Infrastructure');
    expect(details).toHaveTextContent('Gauteng');
    expect(details).toHaveTextContent('Grade 5');
    const lead = within(await screen.findByRole('table', { name: 'Campaign leads' }, SLOW)).getByRole('row', { name: 'Ubuntu Property Developers' });
    expect(within(lead).getByRole('link', { name: 'Score of Ubuntu Property Developers: 55' })).toHaveAttribute('href', '/sales/lead-scores/lead-1');
    for (const name of ['Record response', 'Record spend', 'Close campaign']) expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
  });

  it('gives a rep Record response only, and lists the lead once read back', async () => {
    const user = userEvent.setup({ delay: null });
    showCampaign(REP);
    await user.click(await screen.findByRole('button', { name: 'Record response' }, SLOW));
    expect(screen.queryByRole('button', { name: 'Record spend' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Close campaign' })).not.toBeInTheDocument();
    const form = await screen.findByRole('form', { name: 'Record response' }, SLOW);
    await within(form).findByRole('option', { name: 'Mahlangu Developments' }, SLOW);
    await user.selectOptions(within(form).getByLabelText(/^Lead/), 'lead-2');
    await user.click(within(form).getByRole('radio', { name: 'Site visit booked', hidden: true }));
    await user.click(within(form).getByRole('button', { name: 'Record response' }));
    expect(await screen.findByRole('row', { name: 'Mahlangu Developments' }, SLOW)).toHaveTextContent('booked');
    expect(execute).toHaveBeenCalledWith(RecordCampaignResponseMutation, expect.objectContaining({ campaignId: 'cmp-1', leadId: 'lead-2', kind: 'SITE_VISIT_BOOKED' }));
  });

  it('lets a manager record spend, and shows the new cost per lead once read back', async () => {
    const user = userEvent.setup({ delay: null });
    showCampaign(MANAGER);
    await user.click(await screen.findByRole('button', { name: 'Record spend' }, SLOW));
    const form = await screen.findByRole('form', { name: 'Record spend' }, SLOW);
    await user.type(within(form).getByLabelText(/^Amount/), '0');
    await user.click(within(form).getByRole('button', { name: 'Record spend' }));
    expect(within(form).getByText('More than nought')).toBeInTheDocument();
    expect(within(form).getByText('Say what it was for')).toBeInTheDocument();
    await user.clear(within(form).getByLabelText(/^Amount/));
    await user.type(within(form).getByLabelText(/^Amount/), '1500');
    await user.type(within(form).getByLabelText(/^Note/), 'Brochure reprint');
    await user.click(within(form).getByRole('button', { name: 'Record spend' }));
    expect(await screen.findByRole('group', { name: 'Cost per lead' }, SLOW)).toHaveTextContent('R 11 166.67');
    expect(execute).toHaveBeenCalledWith(RecordCampaignSpendMutation, expect.objectContaining({ campaignId: 'cmp-1', amount: '1500', note: 'Brochure reprint' }));
  });

  it('shows the server’s refusal of a command in an alert', async () => {
    serve(new GraphqlRequestError([{ message: 'the campaign is closed', extensions: { code: 'BAD_USER_INPUT' } }], 200));
    const user = userEvent.setup({ delay: null });
    showCampaign(MANAGER);
    await user.click(await screen.findByRole('button', { name: 'Close campaign' }, SLOW));
    const form = await screen.findByRole('form', { name: 'Close campaign' }, SLOW);
    await user.click(within(form).getByRole('button', { name: 'Close campaign' }));
    expect(await within(form).findByRole('alert', {}, SLOW)).toHaveTextContent('The campaign is closed.');
  });
});
