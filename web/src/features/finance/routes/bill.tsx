// One supplier bill: the supplier, its lines and totals, and its three-way match
// against the purchase order and the goods received (with the approval that releases a
// blocked bill, for finance managers).

import { Group, Stack, Table, Text } from '@mantine/core';
import { useParams } from 'react-router';

import { AppLink } from '@/components/ui/link';
import { Money, NumberCell, NumberTh } from '@/components/ui/money';
import { Page, Section } from '@/components/ui/page';
import { QueryState } from '@/components/ui/query-state';
import { formatDateTime, humanize } from '@/lib/format';
import { Authorization } from '@/lib/permissions/authorization';

import { useApproveBillMatch } from '../api/approve-bill-match';
import { useBill, type BillDetail } from '../api/get-bill';
import { BillMatch } from '../components/bill-match';

export function BillRoute() {
  const { id = '' } = useParams();
  const query = useBill(id);
  const bill = query.data?.bill;
  return (
    <Page
      title={bill ? `Bill ${bill.supplierReference} from ${bill.supplier.name}` : 'Supplier bill'}
      description={bill ? `Dated ${bill.date}; recorded ${formatDateTime(bill.recordedAt)}${bill.recordedBy ? ` by ${bill.recordedBy}` : ''}.` : undefined}
      actions={<AppLink to="/finance/bills">All supplier bills</AppLink>}
    >
      <QueryState query={query} action="read supplier bills" isEmpty={(d) => d.bill === null} empty="This bill was not found (it may still be on its way).">
        {(d) => (d.bill ? <BillBody bill={d.bill} /> : null)}
      </QueryState>
    </Page>
  );
}

function BillBody({ bill }: { bill: BillDetail }) {
  const approve = useApproveBillMatch(bill.id);
  return (
    <Stack gap="lg">
      <Table.ScrollContainer minWidth={900}>
        <Table striped aria-label="Bill lines" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Line</Table.Th>
              <Table.Th>Account</Table.Th>
              <Table.Th>Description</Table.Th>
              <Table.Th>Project / cost code</Table.Th>
              <NumberTh>Quantity</NumberTh>
              <NumberTh>Unit price</NumberTh>
              <Table.Th>VAT</Table.Th>
              <NumberTh>Excl. VAT</NumberTh>
              <NumberTh>VAT</NumberTh>
              <NumberTh>Total</NumberTh>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {bill.lines.map((l, i) => (
              <Table.Tr key={i}>
                <Table.Td>{i + 1}</Table.Td>
                <Table.Td>{l.accountCode}</Table.Td>
                <Table.Td>{l.description}</Table.Td>
                <Table.Td>{[l.projectId, l.costCode].filter(Boolean).join(' / ') || '—'}</Table.Td>
                <NumberCell>{l.quantity}</NumberCell>
                <NumberCell>
                  <Money amount={l.unitPrice} />
                </NumberCell>
                <Table.Td>{humanize(l.vatTreatment)}</Table.Td>
                <NumberCell>
                  <Money amount={l.valueExclVat} />
                </NumberCell>
                <NumberCell>
                  <Money amount={l.vat} />
                </NumberCell>
                <NumberCell>
                  <Money amount={l.total} />
                </NumberCell>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group gap="xl" aria-label="Bill totals" role="group">
        <Text>
          Excl. VAT <Money amount={bill.totalExclVat} />
        </Text>
        <Text>
          VAT <Money amount={bill.vat} />
        </Text>
        <Text>
          Total <Money amount={bill.total} />
        </Text>
        <Text>
          Retention <Money amount={bill.retention} />
        </Text>
        <Text>
          Due <Money amount={bill.amountDue} />
        </Text>
        <Text fw={600}>
          Open <Money amount={bill.amountOpen} />
        </Text>
      </Group>
      <Section title="Three-way match">
        {bill.purchaseOrderId ? (
          <Authorization allowed="orders.purchase_orders.read">
            <Text size="sm">
              Against <AppLink to={`/purchase-orders/${encodeURIComponent(bill.purchaseOrderId)}`}>its purchase order</AppLink> and the goods received on it.
            </Text>
          </Authorization>
        ) : null}
        <BillMatch bill={bill} onApprove={(reason) => approve.mutate(reason)} approving={approve.isPending} approveError={approve.error} />
      </Section>
    </Stack>
  );
}
