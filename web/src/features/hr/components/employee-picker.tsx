// Whose leave or week it is: a select of the employees the caller can see (HR: all of
// them; anyone else: their own record, plus those named on the timesheets they see),
// and — where the server lets the caller act for others it does not list (a site
// manager's labourers) — an employee id typed in.

import { NativeSelect, Stack, TextInput } from '@mantine/core';

const OTHER = '__other__';

export interface EmployeeOption {
  id: string;
  label: string;
}

export function EmployeePicker({
  label = 'Employee',
  options,
  value,
  onChange,
  allowOther = false,
}: {
  label?: string;
  options: readonly EmployeeOption[];
  value: string | null;
  onChange: (id: string | null) => void;
  /** Offer "Another employee (by id)…". */
  allowOther?: boolean;
}) {
  const known = value !== null && options.some((o) => o.id === value);
  const other = value !== null && !known;
  const selected = value === null ? '' : known ? value : OTHER;
  return (
    <Stack gap={4}>
      <NativeSelect
        label={label}
        w={360}
        value={selected}
        onChange={(e) => {
          const next = e.currentTarget.value;
          onChange(next === '' ? null : next === OTHER ? '' : next);
        }}
        data={[
          { value: '', label: options.length === 0 ? 'No employee record to choose' : 'Choose…' },
          ...options.map((o) => ({ value: o.id, label: o.label })),
          ...(allowOther ? [{ value: OTHER, label: 'Another employee (by id)…' }] : []),
        ]}
      />
      {other ? <TextInput label="Employee id" w={360} value={value ?? ''} onChange={(e) => onChange(e.currentTarget.value)} placeholder="The employee’s id" /> : null}
    </Stack>
  );
}
