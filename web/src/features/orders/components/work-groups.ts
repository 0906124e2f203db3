// The work breakdown grouped for display: each phase with its tasks, in code order
// (`1.2` before `1.10`), and the tasks whose phase is unknown at the end.

import { parseRand } from '@/lib/money';

import type { WorkItemRow } from '../api/get-project';

export interface WorkGroup {
  /** `null`: tasks in no (known) phase. */
  phase: WorkItemRow | null;
  tasks: WorkItemRow[];
  /** Σ the tasks' budgets in cents (a phase's budget by definition). */
  budgetCents: bigint;
}

const sumBudgets = (tasks: readonly WorkItemRow[]) => tasks.reduce((sum, t) => sum + (parseRand(t.budget) ?? 0n), 0n);

/** Compares codes part by part, numerically where both parts are numbers. */
export function compareCodes(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = Number(x);
    const ny = Number(y);
    const c = Number.isFinite(nx) && Number.isFinite(ny) ? nx - ny : x.localeCompare(y);
    if (c !== 0) return c;
  }
  return 0;
}

export function groupWorkItems(items: readonly WorkItemRow[]): WorkGroup[] {
  const sorted = [...items].sort((a, b) => compareCodes(a.code, b.code));
  const phases = sorted.filter((i) => i.kind === 'PHASE');
  const known = new Set(phases.map((p) => p.code));
  const groups: WorkGroup[] = phases.map((phase) => {
    const tasks = sorted.filter((i) => i.kind === 'TASK' && i.parent === phase.code);
    return { phase, tasks, budgetCents: sumBudgets(tasks) };
  });
  const loose = sorted.filter((i) => i.kind === 'TASK' && (!i.parent || !known.has(i.parent)));
  if (loose.length > 0) groups.push({ phase: null, tasks: loose, budgetCents: sumBudgets(loose) });
  return groups;
}
