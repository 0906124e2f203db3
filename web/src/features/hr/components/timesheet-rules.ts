// A week's timesheet as the grid holds it — the Monday it starts on and rows of project
// and cost code with the hours of each day — checked as the server checks it before
// anything is sent: the week starts on a Monday, each hours cell is above nought with at
// most two places, a day holds at most 12 hours (BCEA s 10(1)(a)), a row with hours
// names its project and cost code, and the week has at least one entry. Hours are summed
// exactly, in hundredths. How the hours split into ordinary, overtime and double time is
// the server's (it knows the employee's working week and the public holidays).

import type { TimeEntryInput } from '@/gql/graphql';
import { formatDecimal, parseDecimal } from '@/lib/money';

import { plusDays, validDate, weekday } from './labels';

export const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** The most hours on one day, overtime included. */
export const DAILY_MAXIMUM = 12;

export interface GridRow {
  project: string;
  costCode: string;
  /** Seven cells, Monday to Sunday, as typed ('' for none). */
  hours: string[];
}

export interface GridValues {
  weekStarting: string;
  rows: GridRow[];
}

export const emptyRow = (): GridRow => ({ project: '', costCode: '', hours: ['', '', '', '', '', '', ''] });

/** Whether `iso` is a real date that is a Monday. */
export function isMonday(iso: string): boolean {
  return validDate(iso) && weekday(iso) === 1;
}

/** The seven dates of the week starting on `monday`. */
export function weekDates(monday: string): string[] {
  return validDate(monday) ? DAYS.map((_, n) => plusDays(monday, n)) : DAYS.map(() => '');
}

/** A cell's hours in hundredths: 0 when empty, `null` when it is not a number of hours. */
export function cellHundredths(text: string): bigint | null {
  const trimmed = text.trim();
  if (trimmed === '') return 0n;
  const exact = parseDecimal(trimmed);
  if (!exact || exact.scale > 2) return null;
  return exact.digits * 10n ** BigInt(2 - exact.scale);
}

/** Hundredths as hours: 4550n → "45.5". */
export const formatHours = (hundredths: bigint) => formatDecimal({ digits: hundredths, scale: 2 });

/** What is wrong with one cell; `undefined` when it is empty or right. */
export function cellProblem(text: string): string | undefined {
  const hundredths = cellHundredths(text);
  if (hundredths === null) return 'Hours, at most two places';
  if (text.trim() !== '' && hundredths <= 0n) return 'Above nought';
  if (hundredths > BigInt(DAILY_MAXIMUM) * 100n) return `At most ${DAILY_MAXIMUM}`;
  return undefined;
}

export interface GridTotals {
  /** Per row, in hundredths (cells that are not hours count nought). */
  rows: bigint[];
  /** Per day, Monday to Sunday. */
  days: bigint[];
  week: bigint;
}

export function gridTotals(values: GridValues): GridTotals {
  const days = DAYS.map(() => 0n);
  const rows = values.rows.map((row) =>
    row.hours.reduce((sum, text, day) => {
      const h = cellHundredths(text) ?? 0n;
      days[day] = (days[day] ?? 0n) + h;
      return sum + h;
    }, 0n),
  );
  return { rows, days, week: days.reduce((a, b) => a + b, 0n) };
}

export interface GridProblems {
  weekStarting?: string;
  /** By `row-day`. */
  cells: Record<string, string>;
  /** By row. */
  project: Record<number, string>;
  costCode: Record<number, string>;
  /** By day. */
  days: Record<number, string>;
  /** The whole week (no hours at all). */
  week?: string;
}

/** Everything wrong with the week; `gridValid` says whether it may be sent. */
export function gridProblems(values: GridValues): GridProblems {
  const problems: GridProblems = { cells: {}, project: {}, costCode: {}, days: {} };
  const monday = values.weekStarting.trim();
  if (!monday) problems.weekStarting = 'Required';
  else if (!validDate(monday)) problems.weekStarting = 'A date, e.g. 2026-02-02';
  else if (!isMonday(monday)) problems.weekStarting = `${monday} is not a Monday: a week starts on a Monday`;
  values.rows.forEach((row, r) => {
    let any = false;
    row.hours.forEach((text, d) => {
      const p = cellProblem(text);
      if (p) problems.cells[`${r}-${d}`] = p;
      if (text.trim() !== '') any = true;
    });
    if (any && !row.project.trim()) problems.project[r] = 'Required with hours';
    if (any && !row.costCode.trim()) problems.costCode[r] = 'Required with hours';
  });
  const totals = gridTotals(values);
  totals.days.forEach((h, d) => {
    if (h > BigInt(DAILY_MAXIMUM) * 100n) problems.days[d] = `${formatHours(h)} hours: at most ${DAILY_MAXIMUM} a day`;
  });
  if (totals.week === 0n && Object.keys(problems.cells).length === 0) problems.week = 'Enter the hours of at least one day';
  return problems;
}

export function gridValid(p: GridProblems): boolean {
  return !p.weekStarting && !p.week && [p.cells, p.project, p.costCode, p.days].every((m) => Object.keys(m).length === 0);
}

/** The entries to send, in row then day order, and where each came from in the grid. */
export function gridEntries(values: GridValues): { entries: TimeEntryInput[]; at: { row: number; day: number }[] } {
  const dates = weekDates(values.weekStarting.trim());
  const entries: TimeEntryInput[] = [];
  const at: { row: number; day: number }[] = [];
  values.rows.forEach((row, r) =>
    row.hours.forEach((text, d) => {
      if (text.trim() === '') return;
      entries.push({ day: dates[d] ?? '', projectId: row.project.trim(), costCode: row.costCode.trim().toUpperCase(), hours: text.trim() });
      at.push({ row: r, day: d });
    }),
  );
  return { entries, at };
}

/**
 * A week read back (its entries by day, project and cost code) as grid rows, to edit
 * and resubmit: one row per project and cost code, each day's hours summed.
 */
export function rowsOfEntries(
  monday: string,
  entries: readonly { day: string; projectId: string; costCode: string; ordinary: string; overtime: string; double: string }[],
  projectLabel: (id: string) => string = (id) => id,
): GridRow[] {
  const dates = weekDates(monday);
  const rows = new Map<string, { project: string; costCode: string; hours: bigint[] }>();
  for (const e of entries) {
    const key = `${e.projectId}\u0000${e.costCode}`;
    const row = rows.get(key) ?? { project: projectLabel(e.projectId), costCode: e.costCode, hours: DAYS.map(() => 0n) };
    const d = dates.indexOf(e.day);
    if (d >= 0) row.hours[d] = (row.hours[d] ?? 0n) + [e.ordinary, e.overtime, e.double].reduce((s, t) => s + (cellHundredths(t) ?? 0n), 0n);
    rows.set(key, row);
  }
  const list = [...rows.values()].map((r) => ({ project: r.project, costCode: r.costCode, hours: r.hours.map((h) => (h === 0n ? '' : formatHours(h))) }));
  return list.length > 0 ? list : [emptyRow()];
}

/** Where a server refusal about `entries[n]` points in the grid. */
export function refusalAt(field: string, at: { row: number; day: number }[]): { row: number; day: number; part: 'hours' | 'project' | 'costCode' | 'day' } | null {
  const m = /^(?:input\.)?entries\[(\d+)\]\.(\w+)$/.exec(field);
  if (!m) return null;
  const place = at[Number(m[1])];
  if (!place) return null;
  const part = m[2] === 'projectId' ? 'project' : m[2] === 'costCode' ? 'costCode' : m[2] === 'day' ? 'day' : 'hours';
  return { ...place, part };
}
