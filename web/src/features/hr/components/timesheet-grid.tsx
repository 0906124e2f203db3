// The weekly timesheet grid: the Monday the week starts on, then a row per project and
// cost code with the hours of each day, Monday to Sunday, summed per row, per day and
// for the week as typed (exactly, in hundredths; `timesheet-rules.ts`). Checked before
// anything is sent — a Monday, hours above nought with two places at most, 12 a day at
// most, a project and a cost code on every row with hours —; the server's refusal is
// shown above the button in its words, and the cell, row or week it names is marked.

import { ActionIcon, Alert, Autocomplete, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';

import { NumberCell, NumberTh } from '@/components/ui/money';
import { ErrorAlert } from '@/components/ui/query-state';
import type { SubmitTimesheetMutationVariables } from '@/gql/graphql';
import { fieldErrors } from '@/lib/errors';

import { plusDays } from './labels';
import { DAYS, emptyRow, formatHours, gridEntries, gridProblems, gridTotals, gridValid, refusalAt, weekDates, type GridRow, type GridValues } from './timesheet-rules';

export interface ProjectOption {
  code: string;
  name: string;
}

export function TimesheetGrid({
  employeeId,
  initial,
  projects = [],
  onSubmit,
  submitting = false,
  error,
}: {
  /** Whose week it is; `null` until one is chosen (nothing is sent without). */
  employeeId: string | null;
  initial: GridValues;
  /** Suggestions for the project column (those the caller may read). */
  projects?: readonly ProjectOption[];
  onSubmit: (variables: SubmitTimesheetMutationVariables) => void;
  submitting?: boolean;
  error?: unknown;
}) {
  const [v, setValues] = useState<GridValues>(initial);
  const [tried, setTried] = useState(false);
  const [changed, setChanged] = useState(false);
  const [sentAt, setSentAt] = useState<{ row: number; day: number }[]>([]);
  const set = (next: GridValues) => {
    setValues(next);
    setChanged(true);
  };
  const setRow = (r: number, patch: Partial<GridRow>) => set({ ...v, rows: v.rows.map((row, n) => (n === r ? { ...row, ...patch } : row)) });
  const setCell = (r: number, d: number, text: string) => {
    const row = v.rows[r];
    if (row) setRow(r, { hours: row.hours.map((h, n) => (n === d ? text : h)) });
  };

  const problems = gridProblems(v);
  const totals = gridTotals(v);
  const dates = weekDates(v.weekStarting);

  // The server's refusal, placed where it points (until something is changed).
  const server = changed ? {} : fieldErrors(error);
  const marked = { cells: new Set<string>(), project: new Set<number>(), costCode: new Set<number>(), week: false };
  for (const field of Object.keys(server)) {
    if (/^(input\.)?weekStarting$/.test(field)) marked.week = true;
    const place = refusalAt(field, sentAt);
    if (!place) continue;
    if (place.part === 'project') marked.project.add(place.row);
    else if (place.part === 'costCode') marked.costCode.add(place.row);
    else marked.cells.add(`${place.row}-${place.day}`);
  }
  const missingEmployee = tried && !employeeId;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!employeeId || !gridValid(problems)) return;
    const { entries, at } = gridEntries(v);
    setSentAt(at);
    setChanged(false);
    onSubmit({ employeeId, weekStarting: v.weekStarting.trim(), entries });
  };

  const weekProblem = problems.weekStarting && (tried || problems.weekStarting !== 'Required') ? problems.weekStarting : marked.week || undefined;
  const codes = projects.map((p) => p.code);
  const names = new Map(projects.map((p) => [p.code, p.name]));

  return (
    <form aria-label="Timesheet" noValidate onSubmit={submit}>
      <Stack gap="sm">
        <Group align="flex-end" gap="xs">
          <TextInput
            label="Week starting"
            description="A Monday"
            type="date"
            required
            w={200}
            value={v.weekStarting}
            onChange={(e) => set({ ...v, weekStarting: e.currentTarget.value })}
            error={weekProblem}
          />
          <Button variant="default" onClick={() => set({ ...v, weekStarting: plusDays(v.weekStarting, -7) })} disabled={!!problems.weekStarting}>
            Previous week
          </Button>
          <Button variant="default" onClick={() => set({ ...v, weekStarting: plusDays(v.weekStarting, 7) })} disabled={!!problems.weekStarting}>
            Next week
          </Button>
        </Group>
        <Table.ScrollContainer minWidth={1100}>
          <Table aria-label="Timesheet week" verticalSpacing={4} withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={200}>Project</Table.Th>
                <Table.Th w={150}>Cost code</Table.Th>
                {DAYS.map((day, d) => (
                  <NumberTh key={day}>
                    {day.slice(0, 3)}
                    <Text span display="block" size="xs" c="dimmed">
                      {dates[d]}
                    </Text>
                  </NumberTh>
                ))}
                <NumberTh>Total</NumberTh>
                <Table.Th w={40}>
                  <Text span size="xs" c="dimmed">
                    Remove
                  </Text>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {v.rows.map((row, r) => (
                <Table.Tr key={r}>
                  <Table.Td>
                    <Autocomplete
                      aria-label={`Row ${r + 1} project`}
                      placeholder="Code or id"
                      data={codes}
                      value={row.project}
                      onChange={(project) => setRow(r, { project })}
                      renderOption={({ option }) => (
                        <Text size="sm">
                          {option.value}{' '}
                          <Text span c="dimmed" size="xs">
                            {names.get(option.value)}
                          </Text>
                        </Text>
                      )}
                      error={(tried ? problems.project[r] : undefined) ?? (marked.project.has(r) || undefined)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`Row ${r + 1} cost code`}
                      placeholder="e.g. BRICKWORK"
                      value={row.costCode}
                      onChange={(e) => setRow(r, { costCode: e.currentTarget.value })}
                      error={(tried ? problems.costCode[r] : undefined) ?? (marked.costCode.has(r) || undefined)}
                    />
                  </Table.Td>
                  {DAYS.map((day, d) => (
                    <Table.Td key={day} w={84}>
                      <TextInput
                        aria-label={`Row ${r + 1} ${day} hours`}
                        inputMode="decimal"
                        styles={{ input: { textAlign: 'right' } }}
                        value={row.hours[d] ?? ''}
                        onChange={(e) => setCell(r, d, e.currentTarget.value)}
                        error={problems.cells[`${r}-${d}`] ?? (marked.cells.has(`${r}-${d}`) || undefined)}
                      />
                    </Table.Td>
                  ))}
                  <NumberCell>
                    <span aria-label={`Row ${r + 1} total`}>{formatHours(totals.rows[r] ?? 0n)}</span>
                  </NumberCell>
                  <Table.Td>
                    <ActionIcon variant="subtle" color="red" aria-label={`Remove row ${r + 1}`} disabled={v.rows.length === 1} onClick={() => set({ ...v, rows: v.rows.filter((_, n) => n !== r) })}>
                      ×
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th colSpan={2}>Day total</Table.Th>
                {DAYS.map((day, d) => (
                  <NumberCell key={day}>
                    <Text span inherit fw={700} c={problems.days[d] ? 'red' : undefined} aria-label={`${day} total`}>
                      {formatHours(totals.days[d] ?? 0n)}
                    </Text>
                  </NumberCell>
                ))}
                <NumberCell>
                  <Text span inherit fw={700} aria-label="Week total">
                    {formatHours(totals.week)}
                  </Text>
                </NumberCell>
                <Table.Td />
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
        {Object.entries(problems.days).map(([d, p]) => (
          <Text key={d} c="red" size="sm" role="alert">
            {DAYS[Number(d)]}: {p}
          </Text>
        ))}
        {tried && problems.week ? (
          <Text c="red" size="sm" role="alert">
            {problems.week}
          </Text>
        ) : null}
        {missingEmployee ? (
          <Alert color="orange" role="alert">
            Choose the employee whose week this is.
          </Alert>
        ) : null}
        <Text size="xs" c="dimmed">
          Cost codes are sent in capitals. The server splits the hours into ordinary, overtime (1.5×) and double time (2×, Sundays and public holidays) by the employee’s working week, and refuses more than 10 hours’
          overtime a week.
        </Text>
        {error && !changed ? <ErrorAlert error={error} action="submit timesheets" title="The timesheet was not submitted" /> : null}
        <Group justify="space-between">
          <Button variant="light" onClick={() => set({ ...v, rows: [...v.rows, emptyRow()] })}>
            Add row
          </Button>
          <Button type="submit" loading={submitting}>
            Submit timesheet
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
