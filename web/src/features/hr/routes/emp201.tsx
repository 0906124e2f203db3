// EMP201 (`/hr/emp201`, `hr.payroll.read`): a calendar year's months of approved and
// paid runs by their pay date — runs, employees, gross, PAYE, SDL, UIF (employee and
// employer together) and the total due to SARS by the 7th of the next month — and the
// year's totals, summed in cents. Under them, the COIDA assessment estimate of an
// assessment year at the employer's tariff (`components/coida-estimate.tsx`).

import { NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';

import { Money, NumberCell, NumberTh } from '@/components/ui/money';
import { AppLink } from '@/components/ui/link';
import { Page, Section } from '@/components/ui/page';
import { QueryState } from '@/components/ui/query-state';
import { isoDate } from '@/lib/format';
import { parseRand } from '@/lib/money';

import { useEmp201, type Emp201Row } from '../api/get-emp201';
import { CoidaEstimatePanel } from '../components/coida-estimate';

type Figure = 'gross' | 'paye' | 'sdl' | 'uif' | 'total';
const FIGURES: [Figure, string][] = [
  ['gross', 'Gross'],
  ['paye', 'PAYE'],
  ['sdl', 'SDL'],
  ['uif', 'UIF'],
  ['total', 'Total due'],
];

function Months({ months }: { months: readonly Emp201Row[] }) {
  const sum = (f: Figure) => months.reduce((t, m) => t + (parseRand(m[f]) ?? 0n), 0n);
  return (
    <Table aria-label="EMP201 months" striped verticalSpacing="xs" maw={1100}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Month</Table.Th>
          <NumberTh>Runs</NumberTh>
          <NumberTh>Employees</NumberTh>
          {FIGURES.map(([key, label]) => (
            <NumberTh key={key}>{label}</NumberTh>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {months.map((m) => (
          <Table.Tr key={m.month} aria-label={m.month.slice(0, 7)}>
            <Table.Td>{m.month.slice(0, 7)}</Table.Td>
            <NumberCell>{m.runs}</NumberCell>
            <NumberCell>{m.employees}</NumberCell>
            {FIGURES.map(([key]) => (
              <NumberCell key={key}>
                <Money amount={m[key]} />
              </NumberCell>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
      <Table.Tfoot>
        <Table.Tr aria-label="Total">
          <Table.Th colSpan={3}>Year</Table.Th>
          {FIGURES.map(([key]) => (
            <NumberCell key={key}>
              <Text span inherit fw={700}>
                <Money cents={sum(key)} />
              </Text>
            </NumberCell>
          ))}
        </Table.Tr>
      </Table.Tfoot>
    </Table>
  );
}

export function Emp201Route() {
  const thisYear = Number(isoDate().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const emp201 = useEmp201(year);
  const years = Array.from({ length: thisYear - 2024 + 2 }, (_, n) => thisYear + 1 - n).filter((y) => y >= 2024);
  return (
    <Page title="EMP201" description="PAYE, SDL and UIF of the approved and paid runs, by the month of their pay date: declared and paid to SARS by the 7th of the next month." actions={<AppLink to="/hr/pay-runs">Pay runs</AppLink>}>
      <Stack gap="md">
        <NativeSelect label="Year" w={160} data={years.map(String)} value={String(year)} onChange={(e) => setYear(Number(e.currentTarget.value))} />
        <QueryState query={emp201} action="read the EMP201" isEmpty={(d) => d.emp201.length === 0} empty={`No approved or paid runs in ${year}.`}>
          {(d) => <Months months={d.emp201} />}
        </QueryState>
        <Section title="COIDA assessment estimate">
          <Text c="dimmed" size="sm">
            The earnings of the approved and paid runs paid in the assessment year, each employee’s counted up to the year’s maximum, at your tariff from the Compensation Fund’s notice of assessment — never below the minimum assessment.
          </Text>
          <CoidaEstimatePanel />
        </Section>
      </Stack>
    </Page>
  );
}
