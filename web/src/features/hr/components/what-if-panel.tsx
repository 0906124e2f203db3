// The what-if of a calculated or approved run: a tax year (whose SARS table the server
// has) and, per employee, corrected facts — medical scheme members, age, gross pay —
// (blank: as calculated), checked before anything is asked; the server recalculates
// and writes nothing. The answer per employee: PAYE and net as calculated and
// recalculated, and the differences; the server's refusal in its words.

import { Button, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';

import { Money, NumberCell, NumberTh } from '@/components/ui/money';
import { ErrorAlert, Loading } from '@/components/ui/query-state';
import type { PayRunWhatIfQueryVariables, WhatIfCorrection } from '@/gql/graphql';
import { parseRand } from '@/lib/money';

import { usePayRunWhatIf, type WhatIfLine } from '../api/get-pay-run-what-if';
import type { PayslipRow } from '../api/get-payslips';
import { TAX_YEARS } from './labels';

interface Correction {
  medicalMembers: string;
  age: string;
  gross: string;
}

const WHOLE = /^\d+$/;

function correctionProblems(c: Correction): Partial<Record<keyof Correction, string>> {
  const p: Partial<Record<keyof Correction, string>> = {};
  if (c.medicalMembers.trim() && (!WHOLE.test(c.medicalMembers.trim()) || Number(c.medicalMembers) > 20)) p.medicalMembers = '0 to 20';
  if (c.age.trim() && (!WHOLE.test(c.age.trim()) || Number(c.age) > 130)) p.age = '0 to 130';
  const gross = c.gross.trim();
  if (gross && (parseRand(gross) === null || (parseRand(gross) ?? 0n) < 0n)) p.gross = 'Rand, two places';
  return p;
}

/** The corrections to send: only employees with something corrected. */
export function whatIfCorrections(corrections: Record<string, Correction>): WhatIfCorrection[] {
  return Object.entries(corrections).flatMap(([employeeId, c]) => {
    const members = c.medicalMembers.trim();
    const age = c.age.trim();
    const gross = c.gross.trim();
    if (!members && !age && !gross) return [];
    return [{ employeeId, medicalMembers: members ? Number(members) : null, age: age ? Number(age) : null, gross: gross || null }];
  });
}

function Answer({ lines }: { lines: readonly WhatIfLine[] }) {
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table aria-label="What-if result" striped verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Employee</Table.Th>
            <NumberTh>Tax year</NumberTh>
            <NumberTh>PAYE approved</NumberTh>
            <NumberTh>PAYE recalculated</NumberTh>
            <NumberTh>PAYE difference</NumberTh>
            <NumberTh>Net approved</NumberTh>
            <NumberTh>Net recalculated</NumberTh>
            <NumberTh>Net difference</NumberTh>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((l) => (
            <Table.Tr key={l.employeeId} aria-label={l.name}>
              <Table.Td>{l.name}</Table.Td>
              <NumberCell>
                {l.approved.taxYear} → {l.recalculated.taxYear}
              </NumberCell>
              <NumberCell>
                <Money amount={l.approved.paye} />
              </NumberCell>
              <NumberCell>
                <Money amount={l.recalculated.paye} />
              </NumberCell>
              <NumberCell>
                <Text span inherit fw={700}>
                  <Money amount={l.payeDifference} />
                </Text>
              </NumberCell>
              <NumberCell>
                <Money amount={l.approved.net} />
              </NumberCell>
              <NumberCell>
                <Money amount={l.recalculated.net} />
              </NumberCell>
              <NumberCell>
                <Text span inherit fw={700}>
                  <Money amount={l.netDifference} />
                </Text>
              </NumberCell>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function WhatIfPanel({ runId, payslips }: { runId: string; payslips: readonly PayslipRow[] }) {
  const [taxYear, setTaxYear] = useState<number>(payslips[0]?.taxYear ?? TAX_YEARS[TAX_YEARS.length - 1] ?? 2026);
  const [corrections, setCorrections] = useState<Record<string, Correction>>({});
  const [asked, setAsked] = useState<PayRunWhatIfQueryVariables | null>(null);
  const whatIf = usePayRunWhatIf(asked);
  const correction = (id: string): Correction => corrections[id] ?? { medicalMembers: '', age: '', gross: '' };
  const setCorrection = (id: string, patch: Partial<Correction>) => setCorrections((old) => ({ ...old, [id]: { ...correction(id), ...patch } }));
  const invalid = payslips.some((s) => Object.keys(correctionProblems(correction(s.employeeId))).length > 0);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (invalid) return;
    setAsked({ id: runId, taxYear, corrections: whatIfCorrections(corrections) });
  };
  return (
    <Stack gap="sm">
      <form aria-label="What-if" noValidate onSubmit={submit}>
        <Stack gap="sm">
          <NativeSelect
            label="Tax year"
            description="Whose SARS table to recalculate under (1 March to the end of February)"
            w={320}
            data={TAX_YEARS.map((y) => ({ value: String(y), label: `${y} (${y - 1}-03-01 – ${y}-02-28)` }))}
            value={String(taxYear)}
            onChange={(e) => setTaxYear(Number(e.currentTarget.value))}
          />
          <Table.ScrollContainer minWidth={800}>
            <Table aria-label="Corrections" verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Employee</Table.Th>
                  <Table.Th>Medical members</Table.Th>
                  <Table.Th>Age</Table.Th>
                  <Table.Th>Gross (R)</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {payslips.map((s) => {
                  const c = correction(s.employeeId);
                  const p = correctionProblems(c);
                  return (
                    <Table.Tr key={s.employeeId}>
                      <Table.Td>{s.name}</Table.Td>
                      <Table.Td>
                        <TextInput aria-label={`${s.name} medical members`} placeholder={String(s.medicalMembers)} inputMode="numeric" value={c.medicalMembers} onChange={(e) => setCorrection(s.employeeId, { medicalMembers: e.currentTarget.value })} error={p.medicalMembers} w={120} />
                      </Table.Td>
                      <Table.Td>
                        <TextInput aria-label={`${s.name} age`} placeholder={String(s.age)} inputMode="numeric" value={c.age} onChange={(e) => setCorrection(s.employeeId, { age: e.currentTarget.value })} error={p.age} w={100} />
                      </Table.Td>
                      <Table.Td>
                        <TextInput aria-label={`${s.name} gross`} placeholder={s.gross} inputMode="decimal" value={c.gross} onChange={(e) => setCorrection(s.employeeId, { gross: e.currentTarget.value })} error={p.gross} w={160} />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Text size="xs" c="dimmed">
            Blank: as calculated (shown greyed). Nothing is written: the run and the books stay as they are.
          </Text>
          <Group justify="flex-end">
            <Button type="submit" variant="light" disabled={invalid} loading={asked !== null && whatIf.isFetching}>
              Recalculate
            </Button>
          </Group>
        </Stack>
      </form>
      {asked === null ? null : whatIf.error ? (
        <ErrorAlert error={whatIf.error} action="recalculate pay runs" title="The what-if was refused" />
      ) : whatIf.data ? (
        <Answer lines={whatIf.data.payRunWhatIf} />
      ) : (
        <Loading label="Recalculating…" />
      )}
    </Stack>
  );
}
