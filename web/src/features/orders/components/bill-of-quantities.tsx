// The bill of quantities tab: the items with their amount and what is claimed of each;
// "Set bill of quantities" (editable rows) while no claim has been approved.

import { ActionIcon, Alert, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';

import { DataTable, type Column } from '@/components/ui/data-table';
import { Money, NumberTh } from '@/components/ui/money';
import { Empty } from '@/components/ui/query-state';
import { describeError, fieldErrors } from '@/lib/errors';
import { lineValue, parseDecimal, parseRand } from '@/lib/money';
import { Authorization } from '@/lib/permissions/authorization';

import type { BoqRow, ProjectDetail } from '../api/get-project';
import { useSetBillOfQuantities } from '../api/set-bill-of-quantities';

interface Draft {
  item: string;
  description: string;
  unit: string;
  quantity: string;
  rate: string;
  costCode: string;
}

const blank = (n: number): Draft => ({ item: String(n), description: '', unit: 'sum', quantity: '1', rate: '', costCode: '' });

/** A draft line's amount in cents (quantity × rate, rounded half up); null when incomplete. */
function draftAmount(d: Draft): bigint | null {
  const q = parseDecimal(d.quantity);
  const r = parseRand(d.rate);
  return q && r !== null ? lineValue(q, r) : null;
}

const COLUMNS: Column<BoqRow>[] = [
  { key: 'item', header: 'Item', cell: (r) => r.item },
  { key: 'description', header: 'Description', cell: (r) => r.description },
  { key: 'unit', header: 'Unit', cell: (r) => r.unit },
  { key: 'quantity', header: 'Quantity', numeric: true, cell: (r) => r.quantity },
  { key: 'rate', header: 'Rate', numeric: true, cell: (r) => <Money amount={r.rate} /> },
  { key: 'amount', header: 'Amount', numeric: true, cell: (r) => <Money amount={r.amount} /> },
  { key: 'percent', header: 'Claimed (%)', numeric: true, cell: (r) => `${r.percentToDate}%` },
  { key: 'claimed', header: 'Claimed to date', numeric: true, cell: (r) => <Money amount={r.claimedToDate} /> },
];

function BillEditor({ project, onDone }: { project: ProjectDetail; onDone: () => void }) {
  const [rows, setRows] = useState<Draft[]>(
    project.billOfQuantities.length > 0
      ? project.billOfQuantities
          .filter((r) => !r.item.startsWith('VO-'))
          .map((r) => ({ item: r.item, description: r.description, unit: r.unit, quantity: r.quantity, rate: r.rate, costCode: r.costCode ?? '' }))
      : [blank(1)],
  );
  const save = useSetBillOfQuantities(project.id);
  const errors = fieldErrors(save.error);
  const amounts = rows.map(draftAmount);
  const complete = rows.length > 0 && amounts.every((a) => a !== null) && rows.every((r) => r.item.trim() && r.description.trim() && r.unit.trim());
  const total = amounts.reduce<bigint>((s, a) => s + (a ?? 0n), 0n);
  const set = (i: number, patch: Partial<Draft>) => setRows((old) => old.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const err = (i: number, f: string) => errors[`lines[${i}].${f}`] ?? (f === 'item' ? errors[`lines[${i}]`] : undefined);
  const placed = Object.keys(errors).some((k) => k.startsWith('lines['));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!complete) return;
    save.mutate(
      rows.map((r) => ({
        item: r.item.trim(),
        description: r.description.trim(),
        unit: r.unit.trim(),
        quantity: r.quantity.trim(),
        rate: r.rate.trim(),
        costCode: r.costCode.trim() || null,
      })),
      { onSuccess: onDone },
    );
  };

  return (
    <form onSubmit={submit} aria-label="Set bill of quantities" noValidate>
      <Stack gap="sm">
        <Table.ScrollContainer minWidth={1000}>
          <Table aria-label="Bill of quantities lines" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={90}>Item</Table.Th>
                <Table.Th miw={220}>Description</Table.Th>
                <Table.Th w={90}>Unit</Table.Th>
                <Table.Th w={110}>Quantity</Table.Th>
                <Table.Th w={150}>Rate (R)</Table.Th>
                <Table.Th w={110}>Cost code</Table.Th>
                <NumberTh>Amount</NumberTh>
                <Table.Th>
                  <span className="mantine-visually-hidden">Remove</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r, i) => {
                const n = i + 1;
                const amount = amounts[i];
                return (
                  <Table.Tr key={i}>
                    <Table.Td>
                      <TextInput aria-label={`Line ${n} item`} value={r.item} onChange={(e) => set(i, { item: e.currentTarget.value })} error={err(i, 'item')} />
                    </Table.Td>
                    <Table.Td>
                      <TextInput aria-label={`Line ${n} description`} value={r.description} onChange={(e) => set(i, { description: e.currentTarget.value })} error={err(i, 'description')} />
                    </Table.Td>
                    <Table.Td>
                      <TextInput aria-label={`Line ${n} unit`} value={r.unit} onChange={(e) => set(i, { unit: e.currentTarget.value })} error={err(i, 'unit')} />
                    </Table.Td>
                    <Table.Td>
                      <TextInput aria-label={`Line ${n} quantity`} inputMode="decimal" value={r.quantity} onChange={(e) => set(i, { quantity: e.currentTarget.value })} error={err(i, 'quantity')} />
                    </Table.Td>
                    <Table.Td>
                      <TextInput aria-label={`Line ${n} rate`} inputMode="decimal" value={r.rate} onChange={(e) => set(i, { rate: e.currentTarget.value })} error={err(i, 'rate')} />
                    </Table.Td>
                    <Table.Td>
                      <TextInput aria-label={`Line ${n} cost code`} value={r.costCode} onChange={(e) => set(i, { costCode: e.currentTarget.value })} />
                    </Table.Td>
                    <Table.Td ta="right" aria-label={`Line ${n} amount`}>
                      {amount != null ? <Money cents={amount} /> : '—'}
                    </Table.Td>
                    <Table.Td>
                      <ActionIcon variant="subtle" color="red" aria-label={`Remove line ${n}`} disabled={rows.length === 1} onClick={() => setRows((old) => old.filter((_, j) => j !== i))}>
                        ×
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Group justify="space-between">
          <Button variant="light" onClick={() => setRows((old) => [...old, blank(old.length + 1)])}>
            Add item
          </Button>
          <Text aria-label="Bill total">
            Total <Money cents={total} />
            {project.figures ? (
              <>
                {' '}
                of contract value <Money amount={project.figures.contractValue} />
              </>
            ) : null}
          </Text>
        </Group>
        {save.error && !placed ? (
          <Alert color="red" role="alert" title="The bill was not set">
            {describeError(save.error, 'set the bill of quantities')}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending} disabled={!complete}>
            Save bill of quantities
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function BillOfQuantitiesTab({ project }: { project: ProjectDetail }) {
  const [editing, setEditing] = useState(false);
  const fixed = project.claims.some((c) => c.status === 'APPROVED');
  if (editing) return <BillEditor project={project} onDone={() => setEditing(false)} />;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {fixed ? 'A claim has been approved: the bill is fixed; change it by variation.' : 'Amounts excl. VAT; approved additions appear as VO items.'}
        </Text>
        <Authorization allowed="orders.projects.write">
          {!fixed ? (
            <Button onClick={() => setEditing(true)} disabled={!project.contract} title={project.contract ? undefined : 'Set the contract first'}>
              Set bill of quantities
            </Button>
          ) : null}
        </Authorization>
      </Group>
      {project.billOfQuantities.length === 0 ? (
        <Empty>No bill of quantities yet.</Empty>
      ) : (
        <DataTable label="Bill of quantities" columns={COLUMNS} rows={project.billOfQuantities} rowKey={(r) => r.item} minWidth={900} />
      )}
    </Stack>
  );
}
