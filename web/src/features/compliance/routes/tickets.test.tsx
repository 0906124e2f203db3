import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';

import { renderWithApp } from '@/test/render';

import { TicketsQuery } from '../api/get-tickets';
import { TicketsRoute } from './tickets';

const execute = vi.hoisted(() => vi.fn());
vi.mock('@/lib/graphql', () => ({ execute }));

const NOW = new Date('2026-03-02T10:00:00Z');
const ticket = (patch: Record<string, unknown>) => ({
  id: 't-1',
  subject: 'Gate access card',
  description: 'My card does not open the site gate',
  category: 'Access',
  priority: 'HIGH',
  status: 'NEW',
  accountId: null,
  projectId: null,
  raisedBy: 'sipho.site',
  agent: null,
  resolution: null,
  openedAt: '2026-03-02T08:00:00Z',
  firstResponseAt: null,
  resolvedAt: null,
  closedAt: null,
  sla: { responseDue: '2026-03-02T12:30:00Z', resolutionDue: '2026-03-03T08:00:00Z', responseBreached: false, resolutionBreached: false },
  ...patch,
});

describe('the ticket desk', () => {
  it('shows each ticket’s clocks against the given now, and filters by status', async () => {
    execute.mockImplementation(async (document: unknown) => {
      if (document === TicketsQuery) {
        return {
          tickets: [
            ticket({}),
            ticket({
              id: 't-2',
              subject: 'Invoice query',
              status: 'OPEN',
              firstResponseAt: '2026-03-02T07:00:00Z',
              sla: { responseDue: '2026-03-02T06:00:00Z', resolutionDue: '2026-03-02T09:00:00Z', responseBreached: true, resolutionBreached: true },
            }),
          ],
        };
      }
      throw new Error('unexpected');
    });
    renderWithApp(
      <Routes>
        <Route path="/compliance/tickets" element={<TicketsRoute now={NOW} />} />
      </Routes>,
      { permissions: ['compliance.tickets.raise'], path: '/compliance/tickets' },
    );
    const table = await screen.findByRole('table', { name: 'Tickets' });
    const first = within(table).getByRole('row', { name: /Gate access card/ });
    expect(within(first).getByText('Response: 2 h 30 min left')).toBeInTheDocument();
    expect(within(first).getByText('Resolution: 22 h 0 min left')).toBeInTheDocument();
    const second = within(table).getByRole('row', { name: /Invoice query/ });
    expect(within(second).getByText('Response: Met late (breached)')).toBeInTheDocument();
    expect(within(second).getByText('Resolution: Breached')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'New ticket' })).toBeInTheDocument();

    await userEvent.click(screen.getByRole('radio', { name: 'Open' }));
    expect(within(table).queryByRole('row', { name: /Gate access card/ })).not.toBeInTheDocument();
    expect(within(table).getByRole('row', { name: /Invoice query/ })).toBeInTheDocument();
  });
});
