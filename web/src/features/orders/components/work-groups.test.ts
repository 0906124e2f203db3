import { describe, expect, it } from 'vitest';

import type { WorkItemRow } from '../api/get-project';
import { compareCodes, groupWorkItems } from './work-groups';

const item = (code: string, kind: 'PHASE' | 'TASK', parent: string | null = null, budget = '0.00'): WorkItemRow => ({
  code,
  name: `Item ${code}`,
  kind,
  parent,
  plannedStart: null,
  plannedFinish: null,
  costCode: null,
  budget,
  percentComplete: '0',
  actualStart: null,
  actualFinish: null,
  after: [],
});

describe('the work breakdown grouping', () => {
  it('puts each phase’s tasks under it in code order, 1.2 before 1.10', () => {
    const groups = groupWorkItems([item('2', 'PHASE'), item('1.10', 'TASK', '1'), item('2.1', 'TASK', '2'), item('1', 'PHASE'), item('1.2', 'TASK', '1')]);
    expect(groups.map((g) => [g.phase?.code, g.tasks.map((t) => t.code)])).toEqual([
      ['1', ['1.2', '1.10']],
      ['2', ['2.1']],
    ]);
  });

  it('gives a phase the sum of its tasks’ budgets, exactly', () => {
    const [phase] = groupWorkItems([item('1', 'PHASE', null, '0.00'), item('1.1', 'TASK', '1', '80000.10'), item('1.2', 'TASK', '1', '0.20')]);
    expect(phase?.budgetCents).toBe(8_000_030n);
  });

  it('keeps tasks of no known phase, at the end', () => {
    const groups = groupWorkItems([item('1', 'PHASE'), item('9.1', 'TASK', '9'), item('3', 'TASK')]);
    expect(groups.at(-1)).toEqual({ phase: null, tasks: [expect.objectContaining({ code: '3' }), expect.objectContaining({ code: '9.1' })], budgetCents: 0n });
  });

  it('compares codes part by part', () => {
    expect(compareCodes('1.2', '1.10')).toBeLessThan(0);
    expect(compareCodes('2', '1.9')).toBeGreaterThan(0);
    expect(compareCodes('1', '1.1')).toBeLessThan(0);
  });
});
