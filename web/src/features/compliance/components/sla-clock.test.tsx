import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { renderWithApp } from '@/test/render';

import { formatLeft, slaClock, SlaClock } from './sla-clock';

const NOW = new Date('2026-03-02T10:00:00Z');

describe('the SLA clock', () => {
  it('says the time left from the due time and a given now', () => {
    expect(slaClock('2026-03-02T12:15:00Z', false, null, NOW)).toEqual({ text: '2 h 15 min left', color: 'blue' });
    expect(slaClock('2026-03-02T10:40:30Z', false, null, NOW)).toEqual({ text: '40 min left', color: 'orange' });
    expect(slaClock('2026-03-05T14:00:00Z', false, null, NOW).text).toBe('3 d 4 h left');
    expect(formatLeft(20_000)).toBe('under 1 min');
  });

  it('says breached once the due time has passed, or when the server says so', () => {
    expect(slaClock('2026-03-02T09:59:00Z', false, null, NOW)).toEqual({ text: 'Breached', color: 'red' });
    expect(slaClock('2026-03-02T18:00:00Z', true, null, NOW).text).toBe('Breached');
  });

  it('stops once met', () => {
    expect(slaClock('2026-03-02T12:00:00Z', false, '2026-03-02T09:30:00Z', NOW)).toEqual({ text: 'Met', color: 'green' });
    expect(slaClock('2026-03-02T09:00:00Z', false, '2026-03-02T09:30:00Z', NOW).text).toBe('Met late (breached)');
  });

  it('renders with its label, and moves on with the clock', () => {
    const { unmount } = renderWithApp(<SlaClock label="Response" due="2026-03-02T11:00:00Z" breached={false} now={NOW} />);
    expect(screen.getByText('Response: 1 h 0 min left')).toBeInTheDocument();
    unmount();
    renderWithApp(<SlaClock label="Response" due="2026-03-02T11:00:00Z" breached={false} now={new Date('2026-03-02T11:01:00Z')} />);
    expect(screen.getByText('Response: Breached')).toBeInTheDocument();
  });
});
