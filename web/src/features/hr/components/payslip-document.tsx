// A payslip as a printable document (the "HTML rendering per employee"): the
// employer, the employee with their number and tax number, the period and pay date, the
// earnings and gross, PAYE and UIF deducted, net pay, the employer's UIF and SDL, and the
// tax year with its SARS basis (annual equivalent, medical credits). `payslip-print.css`
// prints it alone on A4.

import './payslip-print.css';

import { Alert, Badge, Divider, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

import { Money, NumberCell, NumberTh } from '@/components/ui/money';

import type { PayslipRow } from '../api/get-payslips';
import { taxYearPeriod } from './paye-result';

/** The employer the demo's payslips name. */
export const EMPLOYER = 'ConstructOS demo';

function Figures({ label, rows, total }: { label: string; rows: [string, ReactNode][]; total?: [string, ReactNode] }) {
  return (
    <Table aria-label={label} verticalSpacing={4} withRowBorders={false}>
      <Table.Tbody>
        {rows.map(([name, value]) => (
          <Table.Tr key={name}>
            <Table.Th scope="row" fw={400}>
              {name}
            </Table.Th>
            <NumberCell>{value}</NumberCell>
          </Table.Tr>
        ))}
      </Table.Tbody>
      {total ? (
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row">{total[0]}</Table.Th>
            <NumberCell>
              <Text span inherit fw={700}>
                {total[1]}
              </Text>
            </NumberCell>
          </Table.Tr>
        </Table.Tfoot>
      ) : null}
    </Table>
  );
}

export function PayslipDocument({ payslip: p }: { payslip: PayslipRow }) {
  const final = p.runStatus === 'APPROVED' || p.runStatus === 'PAID';
  return (
    <Paper component="article" aria-label={`Payslip of ${p.name}, ${p.payDate ?? ''}`} className="payslip-print" withBorder p="xl" maw={820} radius="sm">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={0}>
            <Text fw={700} size="lg">
              {EMPLOYER}
            </Text>
            <Text size="sm" c="dimmed">
              Employer
            </Text>
          </Stack>
          <Stack gap={0} align="flex-end">
            <Title order={2} size="h3">
              Payslip
            </Title>
            {p.runStatus && p.runStatus !== 'PAID' ? <Badge variant="outline">{p.runStatus === 'APPROVED' ? 'Approved' : p.runStatus.toLowerCase()}</Badge> : null}
          </Stack>
        </Group>
        {!final ? (
          <Alert color="yellow" p="xs" title={p.runStatus === 'REVERSED' ? 'Reversed' : 'Draft'}>
            {p.runStatus === 'REVERSED' ? 'This pay run was reversed.' : 'The pay run is not approved yet: these figures may still change.'}
          </Alert>
        ) : null}
        <SimpleGrid cols={2}>
          <Table aria-label="Employee" verticalSpacing={2} withRowBorders={false}>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th scope="row">Employee</Table.Th>
                <Table.Td>{p.name}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">Employee number</Table.Th>
                <Table.Td>{p.employeeNumber}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">Tax number</Table.Th>
                <Table.Td>{p.taxNumber ?? '—'}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          <Table aria-label="Period" verticalSpacing={2} withRowBorders={false}>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th scope="row">Period</Table.Th>
                <Table.Td>
                  {p.periodStart} – {p.periodEnd}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">Pay date</Table.Th>
                <Table.Td>{p.payDate}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">Tax year</Table.Th>
                <Table.Td>
                  {p.taxYear} ({taxYearPeriod(p.taxYear)})
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </SimpleGrid>
        <Divider />
        <Table aria-label="Earnings" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Earnings</Table.Th>
              <Table.Th>Charged to</Table.Th>
              <NumberTh>Amount</NumberTh>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.earnings.map((e, n) => (
              <Table.Tr key={n}>
                <Table.Td>{e.description}</Table.Td>
                <Table.Td>{e.projectId ? `${e.projectId} / ${e.costCode ?? ''}` : '—'}</Table.Td>
                <NumberCell>
                  <Money amount={e.amount} />
                </NumberCell>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th colSpan={2}>Gross pay</Table.Th>
              <NumberCell>
                <Text span inherit fw={700}>
                  <Money amount={p.gross} />
                </Text>
              </NumberCell>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
        <SimpleGrid cols={2} spacing="xl">
          <Stack gap={4}>
            <Text fw={700}>Deductions</Text>
            <Figures
              label="Deductions"
              rows={[
                ['PAYE', <Money key="p" amount={p.paye} />],
                ['UIF (employee, 1%)', <Money key="u" amount={p.uifEmployee} />],
              ]}
              total={['Net pay', <Money key="n" amount={p.net} />]}
            />
          </Stack>
          <Stack gap={4}>
            <Text fw={700}>Employer contributions</Text>
            <Figures
              label="Employer contributions"
              rows={[
                ['UIF (employer, 1%)', <Money key="u" amount={p.uifEmployer} />],
                ['SDL (1%)', <Money key="s" amount={p.sdl} />],
              ]}
            />
          </Stack>
        </SimpleGrid>
        <Divider />
        <Text size="xs" c="dimmed">
          PAYE by SARS’s annual equivalent method for the {p.taxYear} tax year: annual equivalent <Money amount={p.annualEquivalent} />, age {p.age}, medical scheme members {p.medicalMembers} (credits{' '}
          <Money amount={p.medicalCredits} />
          ). UIF to the ceiling of R 17 712 a month.
        </Text>
      </Stack>
    </Paper>
  );
}
