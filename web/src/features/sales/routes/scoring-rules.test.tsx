import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { GraphqlRequestError } from '@/lib/errors';
import { renderWithApp } from '@/test/render';

import { LeadScoringRulesQuery, SetLeadScoringRulesMutation } from '../api/scoring-rules';
import { ScoringRulesRoute } from './scoring-rules';

const execute = vi.hoisted(() => vi.fn());
vi.mock('@/lib/graphql', () => ({ execute }));

const SLOW = { timeout: 5000 };
const REP = ['sales.opportunities.read', 'sales.opportunities.write'];
const MANAGER = [...REP, 'sales.settings.write'];

const DEFAULTS = {
  version: 0,
  sectors: [
    { sector: 'RESIDENTIAL', points: 5 },
    { sector: 'COMMERCIAL', points: 15 },
    { sector: 'INDUSTRIAL', points: 15 },
    { sector: 'INFRASTRUCTURE', points: 20 },
    { sector: 'MINING', points: 10 },
    { sector: 'GOVERNMENT', points: 10 },
  ],
  provinces: [
    { province: 'GAUTENG', points: 15 },
    { province: 'WESTERN_CAPE', points: 10 },
  ],
  cidbGrades: [
    { fromGrade: 4, points: 10 },
    { fromGrade: 6, points: 20 },
    { fromGrade: 8, points: 25 },
  ],
  projectSizes: [
    { fromValue: '500000.00', points: 5 },
    { fromValue: '2000000.00', points: 10 },
    { fromValue: '10000000.00', points: 20 },
  ],
  perResponse: 5,
  maxResponses: 4,
  siteVisitBooked: 25,
};

let rules = DEFAULTS;

function serve(refusal?: string) {
  execute.mockImplementation(async (document: unknown, variables: Record<string, unknown>) => {
    if (document === LeadScoringRulesQuery) return { leadScoringRules: rules };
    if (document === SetLeadScoringRulesMutation) {
      if (refusal) throw new GraphqlRequestError([{ message: refusal, extensions: { code: 'BAD_USER_INPUT' } }], 200);
      rules = { ...rules, ...(variables.input as typeof rules), version: rules.version + 1 };
      return { setLeadScoringRules: { id: 'rules', correlationId: 'c1' } };
    }
    throw new Error(`an unexpected request: ${String(document).slice(0, 60)}`);
  });
}

describe('the scoring rules', () => {
  beforeEach(() => {
    execute.mockReset();
    rules = DEFAULTS;
  });

  it('are read-only to a rep', async () => {
    serve();
    renderWithApp(<ScoringRulesRoute />, { permissions: REP });
    const sectors = await screen.findByRole('table', { name: 'Points per sector' }, SLOW);
    expect(within(sectors).getByLabelText('Infrastructure points')).toHaveValue('20');
    expect(within(sectors).getByLabelText('Infrastructure points')).toHaveAttribute('readonly');
    expect(within(sectors).getByLabelText('Other points')).toHaveValue('0');
    expect(screen.queryByRole('button', { name: 'Save rules' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add grade band' })).not.toBeInTheDocument();
  });

  it('shows the server’s refusal of bands that do not rise, in its words', async () => {
    serve('rules: bands must rise, each from a higher grade or value than the one before');
    const user = userEvent.setup({ delay: null });
    renderWithApp(<ScoringRulesRoute />, { permissions: MANAGER });
    const grades = await screen.findByRole('table', { name: 'CIDB grade bands' }, SLOW);
    expect(screen.getByRole('button', { name: 'Save rules' })).toBeDisabled();
    await user.selectOptions(within(grades).getByLabelText('Grade band 2 from grade'), '3');
    await user.click(screen.getByRole('button', { name: 'Save rules' }));
    expect(await screen.findByRole('alert', {}, SLOW)).toHaveTextContent('Bands must rise, each from a higher grade or value than the one before.');
    // Sent as typed: the order is the server's to judge.
    expect(execute).toHaveBeenCalledWith(SetLeadScoringRulesMutation, {
      input: expect.objectContaining({ cidbGrades: [{ fromGrade: 4, points: 10 }, { fromGrade: 3, points: 20 }, { fromGrade: 8, points: 25 }] }),
    });
  });

  it('shows the server’s refusal of points beyond ±100', async () => {
    serve('rules: 150 points is beyond ±100');
    const user = userEvent.setup({ delay: null });
    renderWithApp(<ScoringRulesRoute />, { permissions: MANAGER });
    await user.clear(await screen.findByLabelText('Site visit booked (points)', {}, SLOW));
    await user.type(screen.getByLabelText('Site visit booked (points)'), '150');
    await user.click(screen.getByRole('button', { name: 'Save rules' }));
    expect(await screen.findByRole('alert', {}, SLOW)).toHaveTextContent('150 points is beyond ±100.');
  });

  it('checks whole points before sending, then sends the rules and shows the next version', async () => {
    serve();
    const user = userEvent.setup({ delay: null });
    renderWithApp(<ScoringRulesRoute />, { permissions: MANAGER });
    const sectors = await screen.findByRole('table', { name: 'Points per sector' }, SLOW);
    await user.clear(within(sectors).getByLabelText('Residential points'));
    await user.type(within(sectors).getByLabelText('Residential points'), '2.5');
    expect(within(sectors).getByText('Whole points, e.g. 10 or -5')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save rules' })).toBeDisabled();
    await user.clear(within(sectors).getByLabelText('Residential points'));
    await user.type(within(sectors).getByLabelText('Residential points'), '0');
    await user.click(screen.getByRole('button', { name: 'Add size band' }));
    await user.type(screen.getByLabelText('Size band 4 from value (R)'), '50000000');
    await user.clear(screen.getByLabelText('Size band 4 points'));
    await user.type(screen.getByLabelText('Size band 4 points'), '30');
    await user.click(screen.getByRole('button', { name: 'Save rules' }));
    expect(await screen.findByText(/^Version 1\./, {}, SLOW)).toBeInTheDocument();
    const input = execute.mock.calls.find(([d]) => d === SetLeadScoringRulesMutation)?.[1].input;
    expect(input.sectors).not.toContainEqual(expect.objectContaining({ sector: 'RESIDENTIAL' }));
    expect(input.projectSizes).toContainEqual({ fromValue: '50000000', points: 30 });
    expect(screen.getByRole('status')).toHaveTextContent('every lead is scored again');
  });
});
