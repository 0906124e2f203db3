// The server's answer as a table: the tax year and its table's source, the annual
// equivalent and tax, the medical credits, PAYE, UIF (employee and employer) and SDL,
// and the net pay the browser works out in cents: remuneration − PAYE − UIF employee.

import { Table, Text } from '@mantine/core';

import type { PayeCalculationQuery } from '@/gql/graphql';
import { formatCents, formatRand } from '@/lib/format';
import { parseRand } from '@/lib/money';

export type PayeAnswer = PayeCalculationQuery['payeCalculation'];

/** Remuneration − PAYE − UIF employee, in cents; `null` if any is not an amount. */
export function netPayCents(monthlyRemuneration: string, answer: Pick<PayeAnswer, 'paye' | 'uifEmployee'>): bigint | null {
  const gross = parseRand(monthlyRemuneration);
  const paye = parseRand(answer.paye);
  const uif = parseRand(answer.uifEmployee);
  if (gross === null || paye === null || uif === null) return null;
  return gross - paye - uif;
}

/** "2026" → "1 March 2025 – 28 February 2026" (leap years too). */
export function taxYearPeriod(taxYear: number): string {
  const leap = (taxYear % 4 === 0 && taxYear % 100 !== 0) || taxYear % 400 === 0;
  return `1 March ${taxYear - 1} – ${leap ? 29 : 28} February ${taxYear}`;
}

export function PayeResult({ answer, monthlyRemuneration }: { answer: PayeAnswer; monthlyRemuneration: string }) {
  const net = netPayCents(monthlyRemuneration, answer);
  const rows: [string, string][] = [
    ['Tax year', `${answer.taxYear} (${taxYearPeriod(answer.taxYear)})`],
    ['Table source', answer.tableSource],
    ['Monthly remuneration', formatRand(monthlyRemuneration)],
    ['Annual equivalent', formatRand(answer.annualEquivalent)],
    ['Annual tax (after rebates)', formatRand(answer.annualTax)],
    ['Medical scheme fees tax credits', formatRand(answer.medicalCredits)],
    ['PAYE', formatRand(answer.paye)],
    ['UIF (employee)', formatRand(answer.uifEmployee)],
    ['UIF (employer)', formatRand(answer.uifEmployer)],
    ['SDL (employer)', formatRand(answer.sdl)],
    ['Net pay', net === null ? '—' : formatCents(net)],
  ];
  return (
    <>
      <Table aria-label="PAYE calculation" withTableBorder maw={720}>
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th scope="row" w={280}>
                {label}
              </Table.Th>
              <Table.Td fw={label === 'PAYE' || label === 'Net pay' ? 700 : undefined}>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed">
        Net pay is the remuneration less PAYE and the employee’s UIF; SDL is as for an employer whose annual payroll exceeds R 500 000.
      </Text>
    </>
  );
}
