import { Group, Table } from '@mantine/core';
import { useState } from 'react';

import { Money, NumberCell, NumberTh } from '@/components/ui/money';
import { Page, Section } from '@/components/ui/page';
import { QueryState } from '@/components/ui/query-state';
import { humanize, isoDate } from '@/lib/format';

import { useVatReturn } from '../api/get-vat-return';
import { DateField } from '../components/date-field';

/** The first day of the two-month VAT period (category A/B) that holds `date`. */
function periodStart(date: string): string {
  const [year = '1970', month = '01'] = date.split('-');
  return `${year}-${month}-01`;
}

export function VatReturnRoute() {
  const today = isoDate();
  const [from, setFrom] = useState(periodStart(today));
  const [to, setTo] = useState(today);
  const query = useVatReturn(from, to);
  return (
    <Page title="VAT return" description="Output VAT, input VAT and what is payable to SARS for a VAT period.">
      <Group>
        <DateField label="From" value={from} onChange={setFrom} />
        <DateField label="To" value={to} onChange={setTo} />
      </Group>
      <QueryState query={query} action="read the VAT return">
        {({ vatReturn: v }) => (
          <>
            <Table aria-label="VAT summary" w="auto">
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th scope="row">Output VAT (on supplies)</Table.Th>
                  <NumberCell>
                    <Money amount={v.outputVat} />
                  </NumberCell>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row">Input VAT (on purchases)</Table.Th>
                  <NumberCell>
                    <Money amount={v.inputVat} />
                  </NumberCell>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row">{v.refundDue ? 'Refund due from SARS' : 'Payable to SARS'}</Table.Th>
                  <NumberCell>
                    <strong>
                      <Money amount={v.netPayable} />
                    </strong>
                  </NumberCell>
                </Table.Tr>
              </Table.Tbody>
            </Table>
            <Section title="Supplies by VAT treatment">
              <Table striped aria-label="Supplies by VAT treatment">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Treatment</Table.Th>
                    <NumberTh>Value excl. VAT</NumberTh>
                    <NumberTh>VAT</NumberTh>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {v.supplies.length === 0 ? (
                    <Table.Tr>
                      <Table.Td colSpan={3} c="dimmed">
                        No supplies in this period.
                      </Table.Td>
                    </Table.Tr>
                  ) : (
                    v.supplies.map((s) => (
                      <Table.Tr key={s.treatment}>
                        <Table.Td>{humanize(s.treatment)}</Table.Td>
                        <NumberCell>
                          <Money amount={s.valueExclVat} />
                        </NumberCell>
                        <NumberCell>
                          <Money amount={s.vat} />
                        </NumberCell>
                      </Table.Tr>
                    ))
                  )}
                </Table.Tbody>
              </Table>
            </Section>
          </>
        )}
      </QueryState>
    </Page>
  );
}
