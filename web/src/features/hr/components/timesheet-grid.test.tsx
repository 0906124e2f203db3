import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';

import { GraphqlRequestError } from '@/lib/errors';
import { renderWithApp } from '@/test/render';

import { TimesheetGrid } from './timesheet-grid';
import { emptyRow, gridTotals, isMonday, rowsOfEntries } from './timesheet-rules';

const SLOW = { timeout: 5000 };

function show({ weekStarting = '2026-02-02', employeeId = 'emp-1' as string | null, error }: { weekStarting?: string; employeeId?: string | null; error?: unknown } = {}) {
  const onSubmit = vi.fn();
  renderWithApp(<TimesheetGrid employeeId={employeeId} initial={{ weekStarting, rows: [emptyRow()] }} projects={[{ code: 'PRJ-HR-1', name: 'Payroll house' }]} onSubmit={onSubmit} error={error} />);
  return { onSubmit, user: userEvent.setup({ delay: null }) };
}

const cell = (row: number, day: string) => screen.getByLabelText(`Row ${row} ${day} hours`);

describe('the timesheet grid', () => {
  it('heads the columns Monday to Sunday with the dates of the week', () => {
    show();
    const [head] = within(screen.getByRole('table', { name: 'Timesheet week' })).getAllByRole('row');
    const headers = within(head as HTMLElement).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['Project', 'Cost code', 'Mon2026-02-02', 'Tue2026-02-03', 'Wed2026-02-04', 'Thu2026-02-05', 'Fri2026-02-06', 'Sat2026-02-07', 'Sun2026-02-08', 'Total', 'Remove']);
  });

  it('sums the hours per row, per day and for the week, exactly', async () => {
    const { user } = show();
    await user.type(screen.getByRole('combobox', { name: 'Row 1 project' }), 'PRJ-HR-1');
    await user.type(screen.getByLabelText('Row 1 cost code'), 'brickwork');
    await user.type(cell(1, 'Monday'), '7.5');
    await user.type(cell(1, 'Tuesday'), '8.25');
    await user.type(cell(1, 'Sunday'), '3');
    await user.click(screen.getByRole('button', { name: 'Add row' }));
    await user.type(screen.getByRole('combobox', { name: 'Row 2 project' }), 'PRJ-HR-1');
    await user.type(screen.getByLabelText('Row 2 cost code'), 'CLEANUP');
    await user.type(cell(2, 'Monday'), '0.1');
    await user.type(cell(2, 'Tuesday'), '0.2');

    expect(await screen.findByLabelText('Row 1 total', {}, SLOW)).toHaveTextContent(/^18\.75$/);
    expect(screen.getByLabelText('Row 2 total')).toHaveTextContent(/^0\.3$/);
    expect(screen.getByLabelText('Monday total')).toHaveTextContent(/^7\.6$/);
    expect(screen.getByLabelText('Tuesday total')).toHaveTextContent(/^8\.45$/);
    expect(screen.getByLabelText('Wednesday total')).toHaveTextContent(/^0$/);
    expect(screen.getByLabelText('Sunday total')).toHaveTextContent(/^3$/);
    expect(screen.getByLabelText('Week total')).toHaveTextContent(/^19\.05$/);
  });

  it('sends each day’s hours as an entry on its date, the cost code in capitals', async () => {
    const { user, onSubmit } = show();
    await user.type(screen.getByRole('combobox', { name: 'Row 1 project' }), 'PRJ-HR-1');
    await user.type(screen.getByLabelText('Row 1 cost code'), 'brickwork');
    await user.type(cell(1, 'Monday'), '10');
    await user.type(cell(1, 'Sunday'), '3');
    await user.click(screen.getByRole('button', { name: 'Submit timesheet' }));
    expect(onSubmit).toHaveBeenCalledWith({
      employeeId: 'emp-1',
      weekStarting: '2026-02-02',
      entries: [
        { day: '2026-02-02', projectId: 'PRJ-HR-1', costCode: 'BRICKWORK', hours: '10' },
        { day: '2026-02-08', projectId: 'PRJ-HR-1', costCode: 'BRICKWORK', hours: '3' },
      ],
    });
  });

  it('refuses a week that does not start on a Monday, sending nothing', async () => {
    const { user, onSubmit } = show({ weekStarting: '2026-02-04' });
    expect(screen.getByText('2026-02-04 is not a Monday: a week starts on a Monday')).toBeInTheDocument();
    await user.type(screen.getByRole('combobox', { name: 'Row 1 project' }), 'PRJ-HR-1');
    await user.type(screen.getByLabelText('Row 1 cost code'), 'BRICKWORK');
    await user.type(cell(1, 'Monday'), '8');
    await user.click(screen.getByRole('button', { name: 'Submit timesheet' }));
    expect(onSubmit).not.toHaveBeenCalled();

    // The week moves back to its Monday; then it is sent.
    await user.clear(screen.getByLabelText(/^Week starting/));
    await user.type(screen.getByLabelText(/^Week starting/), '2026-02-02');
    expect(screen.queryByText(/is not a Monday/)).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Next week' }));
    expect(screen.getByLabelText(/^Week starting/)).toHaveValue('2026-02-09');
    await user.click(screen.getByRole('button', { name: 'Submit timesheet' }));
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ weekStarting: '2026-02-09', entries: [{ day: '2026-02-09', projectId: 'PRJ-HR-1', costCode: 'BRICKWORK', hours: '8' }] }));
  });

  it('refuses more than 12 hours a day, bad hours and rows without a project, sending nothing', async () => {
    const { user, onSubmit } = show();
    await user.type(cell(1, 'Wednesday'), '8');
    await user.click(screen.getByRole('button', { name: 'Add row' }));
    await user.type(cell(2, 'Wednesday'), '4.5');
    await user.type(cell(2, 'Thursday'), '1.255');
    expect(await screen.findByText('Wednesday: 12.5 hours: at most 12 a day', {}, SLOW)).toBeInTheDocument();
    expect(screen.getByText('Hours, at most two places')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Submit timesheet' }));
    expect(screen.getAllByText('Required with hours')).toHaveLength(4);
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('says an employee must be chosen, and that a week needs hours', async () => {
    const { user, onSubmit } = show({ employeeId: null });
    await user.click(screen.getByRole('button', { name: 'Submit timesheet' }));
    expect(await screen.findByText('Choose the employee whose week this is.', {}, SLOW)).toBeInTheDocument();
    expect(screen.getByText('Enter the hours of at least one day')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('shows the server’s refusal in its words and marks the row it names', async () => {
    const refusal = new GraphqlRequestError([{ message: 'input.entries[1].projectId: no project PRJ-NOPE is known', extensions: { code: 'BAD_USER_INPUT' } }], 200);
    const onSubmit = vi.fn();
    const initial = {
      weekStarting: '2026-02-02',
      rows: [
        { project: 'PRJ-HR-1', costCode: 'BRICKWORK', hours: ['8', '', '', '', '', '', ''] },
        { project: 'PRJ-NOPE', costCode: 'CLEANUP', hours: ['', '4', '', '', '', '', ''] },
      ],
    };
    // The server answers the submission with the refusal.
    function Refused() {
      const [error, setError] = useState<unknown>();
      return (
        <TimesheetGrid
          employeeId="emp-1"
          initial={initial}
          error={error}
          onSubmit={(variables) => {
            onSubmit(variables);
            setError(refusal);
          }}
        />
      );
    }
    renderWithApp(<Refused />);
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: 'Submit timesheet' }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(await screen.findByRole('alert', {}, SLOW)).toHaveTextContent('No project PRJ-NOPE is known.');
    // Entry 1 is row 2's Tuesday (entries go row by row, day by day): its project is marked.
    expect(screen.getByRole('combobox', { name: 'Row 2 project' })).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('combobox', { name: 'Row 1 project' })).not.toHaveAttribute('aria-invalid', 'true');
    // Changed, the refusal goes.
    await user.type(screen.getByRole('combobox', { name: 'Row 2 project' }), '{Backspace}');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});

describe('the timesheet rules', () => {
  it('knows a Monday', () => {
    expect(isMonday('2026-02-02')).toBe(true);
    expect(isMonday('2026-02-08')).toBe(false);
    expect(isMonday('2026-02-30')).toBe(false);
  });

  it('sums what is typed and ignores what is not hours', () => {
    const totals = gridTotals({ weekStarting: '2026-02-02', rows: [{ project: '', costCode: '', hours: ['0.1', '0.2', 'x', '', '', '', '12'] }] });
    expect(totals.week).toBe(1230n);
    expect(totals.days).toEqual([10n, 20n, 0n, 0n, 0n, 0n, 1200n]);
  });

  it('reads a week back into rows per project and cost code', () => {
    const rows = rowsOfEntries('2026-02-02', [
      { day: '2026-02-02', projectId: 'p1', costCode: 'BRICKWORK', ordinary: '9', overtime: '1', double: '0' },
      { day: '2026-02-08', projectId: 'p1', costCode: 'BRICKWORK', ordinary: '0', overtime: '0', double: '3' },
      { day: '2026-02-03', projectId: 'p1', costCode: 'CLEANUP', ordinary: '2.5', overtime: '0', double: '0' },
    ]);
    expect(rows).toEqual([
      { project: 'p1', costCode: 'BRICKWORK', hours: ['10', '', '', '', '', '', '3'] },
      { project: 'p1', costCode: 'CLEANUP', hours: ['', '2.5', '', '', '', '', ''] },
    ]);
  });
});
