// A shipment of a sales order or a goods received note of a purchase order: a quantity
// per order line, never more than is still open on it — checked here, exactly (decimal
// strings, no floating point), before anything is sent; the server checks again and its
// refusal (`lines: line 1 has 10 still open, 11 asked for`) is shown as it says it.

import { Alert, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';

import { NumberTh } from '@/components/ui/money';
import type { LineQuantityInput } from '@/gql/graphql';
import { describeError } from '@/lib/errors';
import { isoDate } from '@/lib/format';
import { compareDecimal, parseDecimal } from '@/lib/money';

export type DeliveryKind = 'ship' | 'receive';

export interface DeliveryLine {
  lineNo: number;
  description: string;
  quantity: string;
  delivered: string;
  open: string;
}

export interface DeliveryValues {
  /** The delivery note of a shipment (none for a goods receipt: it is numbered GRN-…). */
  deliveryNote: string | null;
  date: string;
  lines: LineQuantityInput[];
}

/** What is wrong with `asked` of a line with `open` still open (null: nothing). */
export function checkQuantity(asked: string, open: string, lineNo: number): string | null {
  if (!asked.trim()) return null;
  const quantity = parseDecimal(asked);
  if (!quantity || quantity.digits < 0n) return 'Enter a quantity of nought or more';
  if (quantity.scale > 4) return 'At most four decimal places';
  const left = parseDecimal(open);
  if (left && compareDecimal(quantity, left) > 0) return `Only ${open} still open on line ${lineNo}`;
  return null;
}

export function DeliveryForm({
  kind,
  lines,
  onSubmit,
  submitting = false,
  error,
}: {
  kind: DeliveryKind;
  lines: DeliveryLine[];
  onSubmit: (values: DeliveryValues) => void;
  submitting?: boolean;
  error?: unknown;
}) {
  const ship = kind === 'ship';
  const [note, setNote] = useState('');
  const [date, setDate] = useState(isoDate());
  const [asked, setAsked] = useState<Record<number, string>>({});
  const problems = lines.map((l) => checkQuantity(asked[l.lineNo] ?? '', l.open, l.lineNo));
  const chosen = lines
    .map((l) => ({ lineNo: l.lineNo, quantity: (asked[l.lineNo] ?? '').trim() }))
    .filter((l) => {
      const q = parseDecimal(l.quantity);
      return q !== null && q.digits > 0n;
    });
  const complete = chosen.length > 0 && problems.every((p) => p === null) && Boolean(date) && (!ship || Boolean(note.trim()));
  const title = ship ? 'Ship' : 'Receive goods';
  const verb = ship ? 'ship' : 'receive';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!complete) return;
    onSubmit({ deliveryNote: ship ? note.trim() : null, date, lines: chosen });
  };

  return (
    <form onSubmit={submit} aria-label={title} noValidate>
      <Stack gap="sm">
        <Group grow align="flex-start">
          {ship ? (
            <TextInput label="Delivery note" description="The note that travels with the goods, e.g. DN-1042" required value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          ) : null}
          <TextInput label={ship ? 'Shipped on' : 'Received on'} type="date" required value={date} onChange={(e) => setDate(e.currentTarget.value)} />
        </Group>
        <Table aria-label={ship ? 'Quantities to ship' : 'Quantities received'} verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Line</Table.Th>
              <Table.Th>Description</Table.Th>
              <NumberTh>Ordered</NumberTh>
              <NumberTh>{ship ? 'Shipped' : 'Received'}</NumberTh>
              <NumberTh>Open</NumberTh>
              <Table.Th w={170}>{ship ? 'To ship now' : 'Received now'}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((l, i) => (
              <Table.Tr key={l.lineNo}>
                <Table.Td>{l.lineNo}</Table.Td>
                <Table.Td>{l.description}</Table.Td>
                <Table.Td ta="right">{l.quantity}</Table.Td>
                <Table.Td ta="right">{l.delivered}</Table.Td>
                <Table.Td ta="right">{l.open}</Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`Line ${l.lineNo} quantity to ${verb}`}
                    inputMode="decimal"
                    placeholder="0"
                    value={asked[l.lineNo] ?? ''}
                    onChange={(e) => {
                      const value = e.currentTarget.value;
                      setAsked((old) => ({ ...old, [l.lineNo]: value }));
                    }}
                    error={problems[i] ?? undefined}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group justify="space-between">
          <Button variant="light" onClick={() => setAsked(Object.fromEntries(lines.map((l) => [l.lineNo, l.open])))}>
            {ship ? 'Ship everything open' : 'Everything open arrived'}
          </Button>
          {chosen.length === 0 ? (
            <Text size="sm" c="dimmed">
              Enter a quantity on at least one line.
            </Text>
          ) : null}
        </Group>
        {error ? (
          <Alert color="red" role="alert" title={ship ? 'Not shipped' : 'Not received'}>
            {describeError(error, ship ? 'ship sales orders' : 'receive goods')}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button type="submit" loading={submitting} disabled={!complete}>
            {ship ? 'Complete shipment' : 'Record receipt'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
