import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { GraphqlRequestError } from '@/lib/errors';
import { renderWithApp } from '@/test/render';

import { OpportunitiesQuery } from '../api/get-opportunities';
import { OpportunityQuery } from '../api/get-opportunity';
import { SalesPipelineQuery } from '../api/get-pipeline';
import { ConfigurePipelineStageMutation, PipelineStagesQuery } from '../api/stage-settings';
import { LoseOpportunityMutation, MoveOpportunityStageMutation, WinOpportunityMutation } from '../api/opportunity-actions';
import { PipelineRoute } from './pipeline';

const execute = vi.hoisted(() => vi.fn());
vi.mock('@/lib/graphql', () => ({ execute }));

const SLOW = { timeout: 5000 };
const READ = ['sales.opportunities.read'];
const WRITE = [...READ, 'sales.opportunities.write'];

interface Row {
  id: string;
  name: string;
  stage: string;
  probability: number;
  estimatedValue: string | null;
  expectedClose: string | null;
}

let rows: Row[] = [];

const STAGES = [
  { stage: 'QUALIFICATION', label: 'Qualification', probability: 10, open: true },
  { stage: 'SITE_VISIT', label: 'Site visit', probability: 25, open: true },
  { stage: 'TENDER', label: 'Tender', probability: 50, open: true },
  { stage: 'NEGOTIATION', label: 'Negotiation', probability: 75, open: true },
  { stage: 'WON', label: 'Won', probability: 100, open: false },
  { stage: 'LOST', label: 'Lost', probability: 0, open: false },
];
let stages = STAGES;

const node = (r: Row) => ({
  ...r,
  owner: 'demo.sales.rep',
  source: 'REFERRAL',
  accountId: `acc-${r.id}`,
  lostReason: null,
  competitor: null,
  openedAt: '2026-11-01T08:00:00Z',
});

const PIPELINE = {
  pipeline: {
    byStage: [
      { key: 'QUALIFICATION', opportunities: 1, value: '900000.00', weighted: '90000.00' },
      { key: 'TENDER', opportunities: 1, value: '2500000.00', weighted: '1250000.00' },
      { key: 'WON', opportunities: 1, value: '400000.00', weighted: '400000.00' },
    ],
    byMonth: [
      { key: '2027-03', opportunities: 1, value: '2500000.00', weighted: '1250000.00' },
      { key: '2027-01', opportunities: 1, value: '900000.00', weighted: '90000.00' },
    ],
    byOwner: [{ key: 'demo.sales.rep', opportunities: 2, value: '3400000.00', weighted: '1340000.00' }],
  },
};

function serve(refuse?: string) {
  execute.mockImplementation(async (document: unknown, variables: Record<string, unknown>) => {
    if (document === OpportunitiesQuery) {
      return { opportunities: { nodes: rows.filter((r) => r.stage === variables.stage).map(node), pageInfo: { endCursor: null, hasNextPage: false } } };
    }
    if (document === SalesPipelineQuery) return PIPELINE;
    if (document === PipelineStagesQuery) return { pipelineStages: stages };
    if (document === ConfigurePipelineStageMutation) {
      stages = stages.map((st) => (st.stage === variables.stage ? { ...st, label: String(variables.label), probability: Number(variables.probability) } : st));
      return { configurePipelineStage: { stage: variables.stage, correlationId: 'c1' } };
    }
    if (document === OpportunityQuery) {
      const r = rows.find((o) => o.id === variables.id);
      return { opportunity: r ? { id: r.id, name: r.name, owner: 'demo.sales.rep', stage: r.stage, accountId: 'acc' } : null };
    }
    const to = document === MoveOpportunityStageMutation ? String(variables.stage) : document === WinOpportunityMutation ? 'WON' : document === LoseOpportunityMutation ? 'LOST' : null;
    if (to) {
      if (refuse) throw new GraphqlRequestError([{ message: refuse, extensions: { code: 'BAD_USER_INPUT' } }], 200);
      rows = rows.map((r) => (r.id === variables.id ? { ...r, stage: to } : r));
      return { result: { id: variables.id } };
    }
    throw new Error('an unexpected request');
  });
}

beforeEach(() => {
  execute.mockReset();
  stages = STAGES;
  rows = [
    { id: 'o1', name: 'Soweto Mall Extension', stage: 'QUALIFICATION', probability: 10, estimatedValue: '900000.00', expectedClose: '2027-01-31' },
    { id: 'o2', name: 'Hatfield Clinic', stage: 'TENDER', probability: 50, estimatedValue: '2500000.00', expectedClose: '2027-03-15' },
    { id: 'o3', name: 'Midrand Depot', stage: 'WON', probability: 100, estimatedValue: '400000.00', expectedClose: null },
  ];
});

const column = (name: RegExp) => screen.getByRole('region', { name });

describe('the pipeline board', () => {
  it('renders a column per stage with its probability, the cards, the forecast and the totals', async () => {
    serve();
    renderWithApp(<PipelineRoute />, { permissions: WRITE, path: '/sales/pipeline' });
    const card = await screen.findByRole('article', { name: 'Opportunity Soweto Mall Extension' }, SLOW);
    for (const name of [/^Qualification 10%/, /^Site visit 25%/, /^Tender 50%/, /^Negotiation 75%/, /^Won 100%/, /^Lost 0%/]) expect(column(name)).toBeInTheDocument();
    expect(within(column(/^Qualification/)).getByRole('article', { name: 'Opportunity Soweto Mall Extension' })).toBe(card);
    expect(card).toHaveTextContent('R 900 000.00');
    expect(card).toHaveTextContent('demo.sales.rep');
    expect(card).toHaveTextContent('Probability 10%');
    expect(card).toHaveTextContent('Expected close 2027-01-31');
    expect(within(column(/^Tender/)).getByRole('article', { name: 'Opportunity Hatfield Clinic' })).toBeInTheDocument();
    expect(within(column(/^Won/)).getByRole('article', { name: 'Opportunity Midrand Depot' })).toBeInTheDocument();
    // Won is final: nothing to move.
    expect(screen.queryByRole('button', { name: 'Move Opportunity Midrand Depot' })).not.toBeInTheDocument();

    expect(screen.getByRole('figure', { name: 'Weighted forecast by month' })).toBeInTheDocument();
    const forecast = screen.getByRole('table', { name: 'Weighted forecast by month, figures' });
    const months = within(forecast).getAllByRole('row').slice(1).map((r) => r.textContent);
    expect(months).toEqual(['2027-011R 900 000.00R 90 000.00', '2027-031R 2 500 000.00R 1 250 000.00', 'Total2R 3 400 000.00R 1 340 000.00']);
    const totals = screen.getByRole('table', { name: 'Totals by stage' });
    expect(within(totals).getByRole('row', { name: 'Tender' })).toHaveTextContent('50%1R 2 500 000.00R 1 250 000.00');
    expect(screen.getByText(/^Open pipeline: 2 opportunities/)).toHaveTextContent('R 3 400 000.00, weighted R 1 340 000.00');
  });

  it('moves a card to another stage from the keyboard through its Move to menu', async () => {
    serve();
    const user = userEvent.setup();
    renderWithApp(<PipelineRoute />, { permissions: WRITE, path: '/sales/pipeline' });
    const menu = await screen.findByRole('button', { name: 'Move Opportunity Soweto Mall Extension' }, SLOW);
    menu.focus();
    await user.keyboard('{Enter}');
    // The dropdown is still in its opening transition for jsdom (hence `hidden`).
    await screen.findByRole('menuitem', { name: 'Site visit (25%)', hidden: true }, SLOW);
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toHaveTextContent('Site visit (25%)');
    await user.keyboard('{Enter}');
    expect(execute).toHaveBeenCalledWith(MoveOpportunityStageMutation, { id: 'o1', stage: 'SITE_VISIT' });
    // Read back from the opportunity until it is there, then the columns again.
    await waitFor(() => expect(within(column(/^Site visit/)).getByRole('article', { name: 'Opportunity Soweto Mall Extension' })).not.toHaveAttribute('aria-busy'), SLOW);
    expect(execute).toHaveBeenCalledWith(OpportunityQuery, { id: 'o1' });
    expect(within(column(/^Qualification/)).queryByRole('article')).not.toBeInTheDocument();
  });

  it('carries a picked-up card to the next column with the arrow keys', async () => {
    // jsdom lays nothing out: each column 200 px wide side by side, a card inside its column.
    const rect = (left: number, top: number, width: number, height: number) => ({ x: left, y: top, left, top, width, height, right: left + width, bottom: top + height, toJSON: () => ({}) });
    const spy = vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
      const stageColumn = this.closest('[data-stage-index]');
      if (!stageColumn) return rect(0, 0, 0, 0) as DOMRect;
      const left = Number(stageColumn.getAttribute('data-stage-index')) * 200;
      return (this === stageColumn ? rect(left, 0, 190, 600) : rect(left + 5, 60, 180, 100)) as DOMRect;
    });
    try {
      serve();
      const user = userEvent.setup();
      renderWithApp(<PipelineRoute />, { permissions: WRITE, path: '/sales/pipeline' });
      const card = await screen.findByRole('article', { name: 'Opportunity Soweto Mall Extension' }, SLOW);
      expect(card).toHaveAttribute('aria-roledescription', 'draggable opportunity');
      card.focus();
      await user.keyboard(' ');
      await screen.findByText(/Picked up Opportunity Soweto Mall Extension in Qualification/, {}, SLOW);
      await user.keyboard('{ArrowRight}');
      await screen.findByText(/Opportunity Soweto Mall Extension is over Site visit/, {}, SLOW);
      await user.keyboard(' ');
      await waitFor(() => expect(execute).toHaveBeenCalledWith(MoveOpportunityStageMutation, { id: 'o1', stage: 'SITE_VISIT' }), SLOW);
      await waitFor(() => expect(within(column(/^Site visit/)).getByRole('article', { name: 'Opportunity Soweto Mall Extension' })).not.toHaveAttribute('aria-busy'), SLOW);
      // Focus follows the card into its new column.
      expect(document.activeElement).toBe(within(column(/^Site visit/)).getByRole('article', { name: 'Opportunity Soweto Mall Extension' }));
    } finally {
      spy.mockRestore();
    }
  });

  it('asks the reason before a card is lost, and shows a refusal', async () => {
    serve();
    const user = userEvent.setup();
    renderWithApp(<PipelineRoute />, { permissions: WRITE, path: '/sales/pipeline' });
    await user.click(await screen.findByRole('button', { name: 'Move Opportunity Hatfield Clinic' }, SLOW));
    await user.click(await screen.findByRole('menuitem', { name: 'Lost…', hidden: true }, SLOW));
    const form = within(await screen.findByRole('form', { name: 'Mark as lost' }, SLOW));
    await user.click(form.getByRole('button', { name: 'Mark lost' }));
    expect(form.getByText('Say why it was lost')).toBeInTheDocument();
    expect(execute).not.toHaveBeenCalledWith(LoseOpportunityMutation, expect.anything());
    await user.type(form.getByLabelText(/^Reason/), 'Price: 8% above the winner');
    await user.click(form.getByRole('button', { name: 'Mark lost' }));
    expect(execute).toHaveBeenCalledWith(LoseOpportunityMutation, { id: 'o2', reason: 'Price: 8% above the winner', competitor: null });
    await waitFor(() => expect(within(column(/^Lost/)).getByRole('article', { name: 'Opportunity Hatfield Clinic' })).not.toHaveAttribute('aria-busy'), SLOW);

    // Won asks first too; the server's refusal is shown above the board.
    serve('stage: the opportunity is already WON and is closed');
    await user.click(screen.getByRole('button', { name: 'Move Opportunity Soweto Mall Extension' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Won…', hidden: true }, SLOW));
    await user.click(await screen.findByRole('button', { name: 'Mark won' }, SLOW));
    expect(execute).toHaveBeenCalledWith(WinOpportunityMutation, { id: 'o1' });
    const alert = await screen.findByRole('alert', {}, SLOW);
    expect(alert).toHaveTextContent('Soweto Mall Extension was not moved');
    expect(alert).toHaveTextContent('The opportunity is already WON and is closed.');
    expect(within(column(/^Qualification/)).getByRole('article', { name: 'Opportunity Soweto Mall Extension' })).toBeInTheDocument();
  });

  it('offers no moves and no stage settings to a role that only reads', async () => {
    serve();
    renderWithApp(<PipelineRoute />, { permissions: READ, path: '/sales/pipeline' });
    const card = await screen.findByRole('article', { name: 'Opportunity Soweto Mall Extension' }, SLOW);
    expect(card).not.toHaveAttribute('tabindex');
    expect(screen.queryByRole('button', { name: /^Move / })).not.toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Pipeline stages' })).not.toBeInTheDocument();
  });

  it('heads the columns with the stages as configured, and lets a manager configure them', async () => {
    stages = STAGES.map((st) => (st.stage === 'SITE_VISIT' ? { ...st, label: 'Site inspection', probability: 30 } : st));
    serve();
    const user = userEvent.setup({ delay: null });
    renderWithApp(<PipelineRoute />, { permissions: [...WRITE, 'sales.settings.write'], path: '/sales/pipeline' });
    await screen.findByRole('article', { name: 'Opportunity Soweto Mall Extension' }, SLOW);
    expect(column(/^Site inspection 30%/)).toBeInTheDocument();
    expect(within(screen.getByRole('table', { name: 'Totals by stage' })).getByRole('row', { name: 'Site inspection' })).toHaveTextContent('30%');

    const settings = within(screen.getByRole('table', { name: 'Pipeline stages' }));
    // Won is always 100%: only its label changes.
    expect(settings.getByLabelText('WON probability (%)')).toHaveAttribute('readonly');
    const tender = settings.getByLabelText('TENDER probability (%)');
    await user.clear(tender);
    await user.type(tender, '0');
    expect(settings.getByText('A whole percent from 1 to 99')).toBeInTheDocument();
    expect(settings.getByRole('button', { name: 'Save TENDER' })).toBeDisabled();
    await user.clear(tender);
    await user.type(tender, '60');
    await user.clear(settings.getByLabelText('TENDER label'));
    await user.type(settings.getByLabelText('TENDER label'), 'Tendered');
    await user.click(settings.getByRole('button', { name: 'Save TENDER' }));
    expect(execute).toHaveBeenCalledWith(ConfigurePipelineStageMutation, { stage: 'TENDER', label: 'Tendered', probability: 60 });
    await waitFor(() => expect(column(/^Tendered 60%/)).toBeInTheDocument(), SLOW);
  });

  it('shows a refusal of a stage setting in an alert', async () => {
    serve();
    const user = userEvent.setup({ delay: null });
    renderWithApp(<PipelineRoute />, { permissions: [...WRITE, 'sales.settings.write'], path: '/sales/pipeline' });
    const settings = within(await screen.findByRole('table', { name: 'Pipeline stages' }, SLOW));
    // The form allows at most 99; the server's own refusal is what shows when it refuses.
    const tender = settings.getByLabelText('TENDER probability (%)');
    await user.clear(tender);
    await user.type(tender, '99');
    execute.mockImplementationOnce(async () => {
      throw new GraphqlRequestError([{ message: 'probability: 99% is not allowed for TENDER: won is always 100, lost 0 and an open stage from 1 to 99', extensions: { code: 'BAD_USER_INPUT' } }], 200);
    });
    await user.click(settings.getByRole('button', { name: 'Save TENDER' }));
    const alert = await screen.findByRole('alert', {}, SLOW);
    expect(alert).toHaveTextContent('Tender was not saved');
    expect(alert).toHaveTextContent('99% is not allowed for TENDER');
  });
});
