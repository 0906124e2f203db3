// A ticket's SLA clock: the time left until `due`, or "breached" once it has passed
// (or the server says so), or how it was met once the ticket has responded / resolved.
// `now` is given so the clock can be tested; the screens refresh it each minute.

import { Badge } from '@mantine/core';
import { useEffect, useState } from 'react';

/** `now`, refreshed every `everyMs` (a minute). */
export function useNow(everyMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** `3 d 4 h`, `2 h 15 min`, `45 min` (less than a minute: `under 1 min`). */
export function formatLeft(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'under 1 min';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${mins} min`;
  return `${mins} min`;
}

export interface ClockState {
  text: string;
  color: string;
}

/** What the clock says for a target `due` at `now`: met, breached or the time left. */
export function slaClock(due: string, breached: boolean, doneAt: string | null | undefined, now: Date): ClockState {
  const dueMs = new Date(due).getTime();
  if (doneAt) {
    const late = breached || new Date(doneAt).getTime() > dueMs;
    return late ? { text: 'Met late (breached)', color: 'red' } : { text: 'Met', color: 'green' };
  }
  const left = dueMs - now.getTime();
  if (breached || left <= 0) return { text: 'Breached', color: 'red' };
  return { text: `${formatLeft(left)} left`, color: left < 60 * 60_000 ? 'orange' : 'blue' };
}

export function SlaClock({ label, due, breached, doneAt, now }: { label: string; due: string; breached: boolean; doneAt?: string | null; now: Date }) {
  const clock = slaClock(due, breached, doneAt, now);
  return (
    <Badge color={clock.color} variant="light" aria-label={`${label}: ${clock.text}`} title={`${label} due ${new Date(due).toLocaleString('en-ZA')}`}>
      {label}: {clock.text}
    </Badge>
  );
}
