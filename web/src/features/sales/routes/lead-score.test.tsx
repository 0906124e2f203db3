import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { renderWithApp } from '@/test/render';

import { LeadScoreQuery, LeadScoresQuery } from '../api/get-lead-scores';
import { ProfileLeadMutation } from '../api/profile-lead';
import { LeadScoreRoute } from './lead-score';
import { LeadScoresRoute } from './lead-scores';

const execute = vi.hoisted(() => vi.fn());
vi.mock('@/lib/graphql', () => ({ execute }));

const SLOW = { timeout: 5000 };
const AUDITOR = ['sales.opportunities.read'];
const REP = [...AUDITOR, 'sales.opportunities.write'];

interface Facts {
  sector: string | null;
  province: string | null;
  cidbGrade: number | null;
}

let facts: Facts = { sector: null, province: null, cidbGrade: null };

const POINTS: Record<string, number> = { COMMERCIAL: 15, GAUTENG: 15 };

function score() {
  const factors = [
    { factor: 'SECTOR', value: facts.sector, points: facts.sector ? (POINTS[facts.sector] ?? 0) : 0, explanation: facts.sector ? `sector ${facts.sector} scores ${POINTS[facts.sector] ?? 0}` : 'no sector recorded' },
    { factor: 'PROVINCE', value: facts.province, points: facts.province ? (POINTS[facts.province] ?? 0) : 0, explanation: facts.province ? `work in ${facts.province}` : 'no province recorded' },
    { factor: 'CIDB_GRADE', value: facts.cidbGrade ? String(facts.cidbGrade) : null, points: facts.cidbGrade && facts.cidbGrade >= 6 ? 20 : 0, explanation: 'grade' },
    { factor: 'PROJECT_SIZE', value: '2500000.00', points: 10, explanation: 'an estimated R 2500000.00 is in the band from R 2000000.00: 10' },
    { factor: 'CAMPAIGN_RESPONSES', value: '1', points: 5, explanation: '1 campaign responses, 1 counted (at most 4) × 5' },
    { factor: 'SITE_VISIT', value: 'BOOKED', points: 25, explanation: 'a site visit is booked: 25' },
  ];
  return {
    leadId: 'lead-1',
    companyName: 'Ubuntu Property Developers',
    owner: 'demo.sales.rep',
    status: 'QUALIFIED',
    estimatedValue: '2500000.00',
    ...facts,
    responses: 1,
    siteVisitBooked: true,
    score: factors.reduce((sum, f) => sum + f.points, 0),
    factors,
    rulesVersion: 0,
  };
}

function serve() {
  execute.mockImplementation(async (document: unknown, variables: Record<string, unknown>) => {
    if (document === LeadScoreQuery) return { leadScore: variables.leadId === 'lead-1' ? score() : null };
    if (document === LeadScoresQuery) return { leadScores: [score(), { ...score(), leadId: 'lead-2', companyName: 'Mahlangu Developments', score: 5, siteVisitBooked: false, responses: 0 }] };
    if (document === ProfileLeadMutation) {
      facts = { sector: (variables.sector as string | null) ?? null, province: (variables.province as string | null) ?? null, cidbGrade: (variables.cidbGrade as number | null) ?? null };
      return { profileLead: { id: 'lead-1', correlationId: 'c1' } };
    }
    throw new Error(`an unexpected request: ${String(document).slice(0, 60)}`);
  });
}

const show = (permissions: string[]) =>
  renderWithApp(
    <Routes>
      <Route path="/sales/lead-scores/:leadId" element={<LeadScoreRoute />} />
    </Routes>,
    { permissions, path: '/sales/lead-scores/lead-1' },
  );

describe('lead scores', () => {
  beforeEach(() => {
    execute.mockReset();
    facts = { sector: null, province: null, cidbGrade: null };
    serve();
  });

  it('lists the leads best first, each a link to its score', async () => {
    renderWithApp(<LeadScoresRoute />, { permissions: AUDITOR, path: '/sales/lead-scores' });
    const table = await screen.findByRole('table', { name: 'Lead scores' }, SLOW);
    const [best, next] = within(table).getAllByRole('row').slice(1);
    expect([best, next].map((r) => r?.getAttribute('aria-label'))).toEqual(['Ubuntu Property Developers', 'Mahlangu Developments']);
    const row = within(table).getByRole('row', { name: 'Ubuntu Property Developers' });
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual(['Ubuntu Property Developers', '40', 'Qualified', '—', '—', '—', '1', 'booked']);
    expect(within(row).getByRole('link', { name: 'Ubuntu Property Developers' })).toHaveAttribute('href', '/sales/lead-scores/lead-1');
    expect(execute).toHaveBeenCalledWith(LeadScoresQuery, { first: 200 });
  });

  it('explains the score factor by factor with the rules version, and offers no profile to a reader', async () => {
    show(AUDITOR);
    const table = await screen.findByRole('table', { name: 'Score factors' }, SLOW);
    expect(within(table).getByRole('row', { name: 'Site visit' })).toHaveTextContent('Booked25a site visit is booked: 25');
    expect(within(table).getByRole('row', { name: 'Total' })).toHaveTextContent('40');
    expect(screen.getByLabelText('Rules version')).toHaveTextContent('Scored by the rules of version 0 (the defaults)');
    expect(screen.queryByRole('form', { name: 'Profile' })).not.toBeInTheDocument();
  });

  it('records a profile and shows the lead scored on it once read back', async () => {
    const user = userEvent.setup({ delay: null });
    show(REP);
    const form = await screen.findByRole('form', { name: 'Profile' }, SLOW);
    await user.selectOptions(within(form).getByLabelText('Sector'), 'COMMERCIAL');
    await user.selectOptions(within(form).getByLabelText('Province'), 'GAUTENG');
    await user.selectOptions(within(form).getByLabelText('CIDB grade'), '6');
    await user.click(within(form).getByRole('button', { name: 'Save profile' }));

    const table = screen.getByRole('table', { name: 'Score factors' });
    expect(await within(table).findByRole('row', { name: 'Total' }, SLOW)).toHaveTextContent('90');
    expect(within(table).getByRole('row', { name: 'Sector' })).toHaveTextContent('Commercial15');
    expect(within(table).getByRole('row', { name: 'CIDB grade' })).toHaveTextContent('Grade 620');
    expect(await screen.findByRole('status', {}, SLOW)).toHaveTextContent('Profile saved');
    expect(execute).toHaveBeenCalledWith(ProfileLeadMutation, { leadId: 'lead-1', sector: 'COMMERCIAL', province: 'GAUTENG', cidbGrade: 6 });
  });
});
