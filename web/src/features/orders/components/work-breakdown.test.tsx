import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { renderWithApp } from '@/test/render';

import type { WorkItemRow } from '../api/get-project';
import { WorkBreakdownTable } from './work-breakdown';

vi.mock('@/lib/graphql', () => ({ execute: vi.fn() }));

const item = (code: string, kind: 'PHASE' | 'TASK', parent: string | null, extra: Partial<WorkItemRow> = {}): WorkItemRow => ({
  code,
  name: `Item ${code}`,
  kind,
  parent,
  plannedStart: null,
  plannedFinish: null,
  costCode: null,
  budget: '0.00',
  percentComplete: '0',
  actualStart: null,
  actualFinish: null,
  after: [],
  ...extra,
});

const items = [
  item('1.10', 'TASK', '1', { budget: '12000.00' }),
  item('2', 'PHASE', null, { budget: '50000.00' }),
  item('1', 'PHASE', null, { budget: '37000.00' }),
  item('2.1', 'TASK', '2', { budget: '50000.00', percentComplete: '40', after: ['1.2'], plannedStart: '2026-03-02', plannedFinish: '2026-04-30' }),
  item('1.2', 'TASK', '1', { budget: '25000.00', percentComplete: '100' }),
];

describe('the work breakdown table', () => {
  it('shows each phase followed by its tasks in code order, with dates, budget, progress and dependencies', () => {
    renderWithApp(<WorkBreakdownTable projectId="prj-1" items={items} />, { permissions: ['orders.projects.write'] });
    const rows = within(screen.getByRole('table', { name: 'Work breakdown' })).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('aria-label'))).toEqual(['1 Item 1', '1.2 Item 1.2', '1.10 Item 1.10', '2 Item 2', '2.1 Item 2.1']);
    const task = screen.getByRole('row', { name: '2.1 Item 2.1' });
    expect(task).toHaveTextContent('2026-03-02 – 2026-04-30');
    expect(task).toHaveTextContent('R 50 000.00');
    expect(task).toHaveTextContent('40%');
    expect(task).toHaveTextContent('after 1.2');
    expect(within(task).getByRole('button', { name: 'Record progress of 2.1' })).toBeInTheDocument();
    expect(within(screen.getByRole('row', { name: '1 Item 1' })).queryByRole('button')).not.toBeInTheDocument();
    // A phase's budget is the sum of its tasks'.
    expect(screen.getByRole('row', { name: '1 Item 1' })).toHaveTextContent('R 37 000.00');
  });

  it('offers no progress action to a role that may not change the project', () => {
    renderWithApp(<WorkBreakdownTable projectId="prj-1" items={items} />, { permissions: ['orders.projects.read_assigned'] });
    expect(screen.queryByRole('button', { name: /Record progress/ })).not.toBeInTheDocument();
  });
});
