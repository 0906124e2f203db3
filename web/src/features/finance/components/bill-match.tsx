// A supplier bill's three-way match: per bill line what was ordered, received and billed
// to date on its purchase order line, the order's and the bill's unit price and the
// price variance, and whether the line matched — and, while the match blocks payment,
// the reasons and (for finance managers) the approval that releases it.

import { Alert, Badge, Button, Group, List, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';

import { Money, NumberCell, NumberTh } from '@/components/ui/money';
import { describeError } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import { addDecimal, formatDecimal, parseDecimal } from '@/lib/money';
import { Authorization } from '@/lib/permissions/authorization';

import type { BillDetail } from '../api/get-bill';

/** billed − received, exactly (positive: billed beyond what arrived). */
export function quantityVariance(billed: string, received: string): string {
  const b = parseDecimal(billed);
  const r = parseDecimal(received);
  if (!b || !r) return '—';
  return formatDecimal(addDecimal(b, { digits: -r.digits, scale: r.scale }));
}

export function BillMatch({
  bill,
  onApprove,
  approving = false,
  approveError,
}: {
  bill: Pick<BillDetail, 'purchaseOrderId' | 'matching' | 'blockedForPayment' | 'matchApproval'>;
  onApprove: (reason: string) => void;
  approving?: boolean;
  approveError?: unknown;
}) {
  const [reason, setReason] = useState('');
  if (!bill.purchaseOrderId) return <Text c="dimmed">This bill names no purchase order, so it is not matched.</Text>;
  const blocked = bill.blockedForPayment.length > 0;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim()) onApprove(reason.trim());
  };
  return (
    <Stack gap="sm">
      <Table.ScrollContainer minWidth={1000}>
        <Table striped aria-label="Three-way match" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Bill line</Table.Th>
              <Table.Th>Order line</Table.Th>
              <NumberTh>Ordered</NumberTh>
              <NumberTh>Received</NumberTh>
              <NumberTh>Billed to date</NumberTh>
              <NumberTh>Billed − received</NumberTh>
              <NumberTh>Order price</NumberTh>
              <NumberTh>Billed price</NumberTh>
              <NumberTh>Price variance</NumberTh>
              <Table.Th>Match</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {bill.matching.map((m) => (
              <Table.Tr key={m.line} aria-label={`Bill line ${m.line}`}>
                <Table.Td>{m.line}</Table.Td>
                <Table.Td>{m.purchaseOrderLineNo ?? '—'}</Table.Td>
                <NumberCell>{m.ordered}</NumberCell>
                <NumberCell>{m.received}</NumberCell>
                <NumberCell>{m.billed}</NumberCell>
                <NumberCell>{quantityVariance(m.billed, m.received)}</NumberCell>
                <NumberCell>{m.orderPrice ? <Money amount={m.orderPrice} /> : '—'}</NumberCell>
                <NumberCell>
                  <Money amount={m.billedPrice} />
                </NumberCell>
                <NumberCell>{m.priceVariancePercent}%</NumberCell>
                <Table.Td>
                  <Stack gap={2}>
                    <Badge variant="light" color={m.status === 'MATCHED' ? 'green' : 'red'}>
                      {m.status === 'MATCHED' ? 'Matched' : 'Blocked'}
                    </Badge>
                    {m.reason ? <Text size="sm">{m.reason}</Text> : null}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {bill.matchApproval ? (
        <Alert color="green" title="Approved for payment" role="status">
          {bill.matchApproval.by ?? 'A finance manager'} approved the match on {formatDateTime(bill.matchApproval.at)}: {bill.matchApproval.reason}
        </Alert>
      ) : null}
      {blocked ? (
        <Alert color="red" title="Blocked for payment" role="alert">
          <Stack gap="xs">
            <List size="sm">
              {bill.blockedForPayment.map((r) => (
                <List.Item key={r}>{r}</List.Item>
              ))}
            </List>
            <Authorization
              allowed="finance.accounts.manage"
              fallback={
                <Text size="sm">A finance manager may approve it for payment.</Text>
              }
            >
              <form onSubmit={submit} aria-label="Approve the match">
                <Group align="flex-end">
                  <TextInput label="Reason for approving" required value={reason} onChange={(e) => setReason(e.currentTarget.value)} w={360} />
                  <Button type="submit" color="red" loading={approving} disabled={!reason.trim()}>
                    Approve for payment
                  </Button>
                </Group>
              </form>
            </Authorization>
            {approveError ? <Text size="sm">{describeError(approveError, 'approve a blocked bill')}</Text> : null}
          </Stack>
        </Alert>
      ) : !bill.matchApproval ? (
        <Text size="sm" role="status">
          Every line matched: the bill is payable.
        </Text>
      ) : null}
    </Stack>
  );
}
