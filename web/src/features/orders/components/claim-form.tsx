// "New claim": the percent complete to date of each bill item. The claim's arithmetic
// (each line's value to date, previously claimed and this claim; the amount, retention,
// VAT now, due now and the VAT deferred on retention) comes from the server's own
// `previewProgressClaim`, asked again a moment after each change, so what is shown
// before submit is what is recorded. Refusals show next to the line they name.

import { Alert, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState, type FormEvent } from 'react';

import { Money, NumberTh } from '@/components/ui/money';
import type { ClaimLineIn } from '@/gql/graphql';
import { describeError, fieldErrors } from '@/lib/errors';
import { isoDate } from '@/lib/format';

import type { BoqRow } from '../api/get-project';
import { usePreviewProgressClaim } from '../api/preview-progress-claim';
import { FiguresTable } from './figures-table';

const PERCENT = /^\d{1,3}(\.\d+)?$/;

/** The lines to send, in bill order; `null` while any entry is not a number. */
export function claimLines(bill: readonly BoqRow[], percents: Record<string, string>): ClaimLineIn[] | null {
  const lines: ClaimLineIn[] = [];
  for (const row of bill) {
    const text = (percents[row.item] ?? row.percentToDate).trim();
    if (!PERCENT.test(text)) return null;
    lines.push({ item: row.item, percentToDate: text });
  }
  return lines;
}

export function ClaimForm({
  projectId,
  bill,
  onSubmit,
  submitting = false,
  error,
  debounceMs = 400,
}: {
  projectId: string;
  bill: readonly BoqRow[];
  onSubmit: (values: { periodEnd: string; lines: ClaimLineIn[] }) => void;
  submitting?: boolean;
  /** The submit's refusal. */
  error?: unknown;
  debounceMs?: number;
}) {
  const [periodEnd, setPeriodEnd] = useState(isoDate());
  const [percents, setPercents] = useState<Record<string, string>>({});
  const lines = useMemo(() => claimLines(bill, percents), [bill, percents]);
  const [debounced] = useDebouncedValue(lines, debounceMs);
  const preview = usePreviewProgressClaim(projectId, debounced);
  // The preview answers these very lines (not a previous key's placeholder). A background
  // refetch of the same key keeps its figures, so Submit never goes dead under a click.
  const current = JSON.stringify(debounced) === JSON.stringify(lines) && !preview.isPlaceholderData && (preview.isSuccess || preview.isError);
  const figures = current && !preview.error ? preview.data?.previewProgressClaim : undefined;
  const refusal = error ?? (current ? preview.error : null);
  const fields = fieldErrors(refusal);
  const lineField = (index: number) => fields[`lines[${index}].percentToDate`] ?? fields[`lines[${index}].item`] ?? fields[`lines[${index}]`];
  const unplaced = refusal && !Object.keys(fields).some((f) => f.startsWith('lines[')) && !fields.periodEnd;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!lines || !figures) return;
    onSubmit({ periodEnd, lines });
  };

  return (
    <form onSubmit={submit} aria-label="New claim" noValidate>
      <Stack gap="md">
        <TextInput
          label="Period end"
          type="date"
          required
          w={200}
          value={periodEnd}
          onChange={(e) => setPeriodEnd(e.currentTarget.value)}
          error={fields.periodEnd}
        />
        <Table.ScrollContainer minWidth={1000}>
          <Table aria-label="Claim lines" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Item</Table.Th>
                <Table.Th>Description</Table.Th>
                <NumberTh>Amount</NumberTh>
                <NumberTh>Claimed before (%)</NumberTh>
                <Table.Th w={150}>Percent to date</Table.Th>
                <NumberTh>Value to date</NumberTh>
                <NumberTh>Previously claimed</NumberTh>
                <NumberTh>This claim</NumberTh>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {bill.map((row, index) => {
                const line = figures?.lines.find((l) => l.item === row.item);
                const text = percents[row.item] ?? row.percentToDate;
                return (
                  <Table.Tr key={row.item}>
                    <Table.Td>{row.item}</Table.Td>
                    <Table.Td>{row.description}</Table.Td>
                    <Table.Td ta="right">
                      <Money amount={row.amount} />
                    </Table.Td>
                    <Table.Td ta="right">{row.percentToDate}</Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`Item ${row.item} percent to date`}
                        inputMode="decimal"
                        rightSection="%"
                        value={text}
                        onChange={(e) => {
                          const value = e.currentTarget.value;
                          setPercents((p) => ({ ...p, [row.item]: value }));
                        }}
                        error={(!PERCENT.test(text.trim()) ? 'Enter a percentage from 0 to 100' : undefined) ?? lineField(index)}
                      />
                    </Table.Td>
                    <Table.Td ta="right" aria-label={`Item ${row.item} value to date`}>
                      {line ? <Money amount={line.valueToDate} /> : '—'}
                    </Table.Td>
                    <Table.Td ta="right" aria-label={`Item ${row.item} previously claimed`}>
                      {line ? <Money amount={line.previouslyClaimed} /> : '—'}
                    </Table.Td>
                    <Table.Td ta="right" aria-label={`Item ${row.item} this claim`}>
                      {line ? <Money amount={line.amount} /> : '—'}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>

        <FiguresTable
          caption="Claim before submit"
          rows={[
            { label: 'Amount (this claim, excl. VAT)', amount: figures?.amount },
            { label: `Retention${figures ? ` (${figures.retentionPercent}%)` : ''}`, amount: figures?.retention },
            { label: 'VAT now (15% of amount less retention)', amount: figures?.vat },
            { label: 'Due now', amount: figures?.dueNow, strong: true },
            { label: 'VAT deferred on retention (due at its release)', amount: figures?.vatDeferred },
          ]}
        />
        {!figures && !refusal ? (
          <Text size="sm" c="dimmed" role="status">
            {lines ? 'Working out the claim…' : 'Every item needs a percentage.'}
          </Text>
        ) : null}
        {unplaced ? (
          <Alert color="red" title="The claim cannot be made like this" role="alert">
            {describeError(refusal, 'submit progress claims')}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button type="submit" loading={submitting} disabled={!figures}>
            Submit claim
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
