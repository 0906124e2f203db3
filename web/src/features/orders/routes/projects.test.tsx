import { screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { renderWithApp } from '@/test/render';

import { ProjectsRoute } from './projects';

const execute = vi.hoisted(() => vi.fn());
vi.mock('@/lib/graphql', () => ({ execute }));

const answer = {
  projects: [
    {
      id: 'prj-1',
      code: 'PRJ-2026-001',
      name: 'Menlyn Office Park Phase 2',
      customerAccountId: 'acc-1',
      siteId: 'SITE-PTA-01',
      siteName: 'Menlyn, Pretoria',
      startsOn: '2026-03-02',
      status: 'IN_PROGRESS',
      figures: { contractValue: '1050000.00', claimedToDate: '300000.00', retentionHeld: '30000.00' },
    },
    { id: 'prj-2', code: 'PRJ-2026-002', name: 'Tender only', customerAccountId: null, siteId: 'S2', siteName: 'Durban', startsOn: null, status: 'TENDER', figures: null },
  ],
};

describe('the project list', () => {
  beforeEach(() => execute.mockReset().mockResolvedValue(answer));

  it('shows each project with its status, contract value, claimed and retention, and offers New project to those who may open one', async () => {
    renderWithApp(<ProjectsRoute />, { permissions: ['orders.projects.read', 'orders.projects.write'] });
    const row = (await screen.findByRole('link', { name: 'PRJ-2026-001' })).closest('tr');
    expect(screen.getByRole('link', { name: 'PRJ-2026-001' })).toHaveAttribute('href', '/projects/prj-1');
    expect(row).toHaveTextContent('In progress');
    expect(row).toHaveTextContent('R 1 050 000.00');
    expect(row).toHaveTextContent('R 300 000.00');
    expect(row).toHaveTextContent('R 30 000.00');
    expect(screen.getByRole('link', { name: 'PRJ-2026-002' }).closest('tr')).toHaveTextContent('Tender');
    expect(screen.getByRole('button', { name: 'New project' })).toBeInTheDocument();
  });

  it('offers no New project to a role that may only read', async () => {
    renderWithApp(<ProjectsRoute />, { permissions: ['orders.projects.read_assigned'] });
    await screen.findByRole('link', { name: 'PRJ-2026-001' });
    expect(screen.queryByRole('button', { name: 'New project' })).not.toBeInTheDocument();
  });
});
