import { Table, Text } from '@mantine/core';

import { Money, NumberCell, NumberTh } from '@/components/ui/money';
import { AppLink } from '@/components/ui/link';
import { parseRand } from '@/lib/money';

import type { PayslipRow } from '../api/get-payslips';

type Figure = 'gross' | 'paye' | 'uifEmployee' | 'uifEmployer' | 'sdl' | 'net';
const FIGURES: [Figure, string][] = [
  ['gross', 'Gross'],
  ['paye', 'PAYE'],
  ['uifEmployee', 'UIF (employee)'],
  ['uifEmployer', 'UIF (employer)'],
  ['sdl', 'SDL'],
  ['net', 'Net pay'],
];

/** A figure summed over the payslips, in cents. */
const sum = (slips: readonly PayslipRow[], figure: Figure) => slips.reduce((total, s) => total + (parseRand(s[figure]) ?? 0n), 0n);

/** A run's payslips, one per employee (each opens the printable payslip), and the totals. */
export function PayslipsTable({ payslips, label = 'Payslips' }: { payslips: readonly PayslipRow[]; label?: string }) {
  return (
    <Table.ScrollContainer minWidth={1100}>
      <Table striped highlightOnHover aria-label={label} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Number</Table.Th>
            <Table.Th>Employee</Table.Th>
            <Table.Th>Tax number</Table.Th>
            <NumberTh>Age</NumberTh>
            <NumberTh>Medical members</NumberTh>
            {FIGURES.map(([key, header]) => (
              <NumberTh key={key}>{header}</NumberTh>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {payslips.map((s) => (
            <Table.Tr key={`${s.payRunId}/${s.employeeId}`} aria-label={s.name}>
              <Table.Td>{s.employeeNumber}</Table.Td>
              <Table.Td>
                <AppLink to={`/hr/payslips/${s.payRunId}/${s.employeeId}`}>{s.name}</AppLink>
              </Table.Td>
              <Table.Td>{s.taxNumber ?? '—'}</Table.Td>
              <NumberCell>{s.age}</NumberCell>
              <NumberCell>{s.medicalMembers}</NumberCell>
              {FIGURES.map(([key]) => (
                <NumberCell key={key}>
                  <Money amount={s[key]} />
                </NumberCell>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr aria-label="Total">
            <Table.Th colSpan={5}>
              <Text span inherit fw={700}>
                Total ({payslips.length})
              </Text>
            </Table.Th>
            {FIGURES.map(([key]) => (
              <NumberCell key={key}>
                <Text span inherit fw={700}>
                  <Money cents={sum(payslips, key)} />
                </Text>
              </NumberCell>
            ))}
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}
