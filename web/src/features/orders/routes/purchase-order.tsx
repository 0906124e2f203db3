// One purchase order: its status, committed value and approval (who, under which role's
// limit), the decisions open to the caller (approve, reject, cancel, close) with the
// server's refusal shown as it says it (over the approver's limit, …), its lines with
// ordered, received and open quantities, and its goods received notes; "Receive goods"
// records a GRN for part or all of what is open.

import { Alert, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useParams } from 'react-router';

import { AppLink } from '@/components/ui/link';
import { Money } from '@/components/ui/money';
import { Page, Section } from '@/components/ui/page';
import { ErrorAlert, QueryState } from '@/components/ui/query-state';
import { describeError } from '@/lib/errors';
import { humanize } from '@/lib/format';
import { Authorization } from '@/lib/permissions/authorization';

import { usePurchaseOrder, type PurchaseOrderDetail } from '../api/get-purchase-order';
import { useApprovePurchaseOrder, useCancelPurchaseOrder, useClosePurchaseOrder, useReceiveGoods, useRejectPurchaseOrder } from '../api/purchase-order-actions';
import { useTradeOptions } from '../api/trade-options';
import { DeliveryForm } from '../components/delivery-form';
import { ReasonModal } from '../components/reason-modal';
import { DeliveriesTable, OrderLinesTable, OrderStatusBadge } from '../components/trade';

export function PurchaseOrderRoute() {
  const { id = '' } = useParams();
  const order = usePurchaseOrder(id);
  const o = order.data?.purchaseOrder;
  return (
    <Page title={o ? `Purchase order ${o.number}` : 'Purchase order'} actions={<AppLink to="/purchase-orders">All purchase orders</AppLink>}>
      {o ? (
        <>
          {order.error ? <ErrorAlert error={order.error} action="read this order" title="The order could not be refreshed" onRetry={() => void order.refetch()} /> : null}
          <PurchaseOrderBody order={o} />
        </>
      ) : (
        <QueryState
          query={order}
          action="read this order"
          isEmpty={(d) => d.purchaseOrder === null}
          empty="This purchase order was not found: it may not exist, it is not on your projects, or it was raised a moment ago (it appears shortly)."
        >
          {() => null}
        </QueryState>
      )}
    </Page>
  );
}

function PurchaseOrderBody({ order }: { order: PurchaseOrderDetail }) {
  const options = useTradeOptions();
  const row = (label: string, value: ReactNode) => (
    <Table.Tr>
      <Table.Th>{label}</Table.Th>
      <Table.Td>{value}</Table.Td>
    </Table.Tr>
  );
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <Group gap="xs">
          <Text fw={600}>Status</Text>
          <span aria-label="Order status">
            <OrderStatusBadge status={order.status} />
          </span>
        </Group>
        <PurchaseOrderActions order={order} />
      </Group>
      <Table aria-label="Order details" w="auto" withRowBorders={false}>
        <Table.Tbody>
          {row('Supplier', options.data?.accountName(order.vendorAccountId) ?? order.vendorAccountId)}
          {row('Project', options.data?.projectName(order.projectId) ?? order.projectId)}
          {row('Cost code', order.costCode)}
          {row('Date', order.date)}
          {row('Total excl. VAT', <Money amount={order.totalExclVat} />)}
          {row('Committed', <Money amount={order.committed} />)}
          {order.approvedBy ? row('Approved by', `${order.approvedBy}${order.approverRole ? ` (within the ${humanize(order.approverRole)} limit)` : ''}`) : null}
          {order.reason ? row(order.status === 'REJECTED' ? 'Rejected because' : order.status === 'CANCELLED' ? 'Cancelled because' : 'Closed because', order.reason) : null}
        </Table.Tbody>
      </Table>
      <Section title="Lines: ordered and received">
        <OrderLinesTable label="Order lines" lines={order.lines} delivered="Received" />
      </Section>
      <Section title="Goods received notes">
        {order.goodsReceipts.length === 0 ? <Text c="dimmed">Nothing received yet.</Text> : <DeliveriesTable label="Goods received notes" numberHeader="GRN" deliveries={order.goodsReceipts} />}
      </Section>
    </Stack>
  );
}

function PurchaseOrderActions({ order }: { order: PurchaseOrderDetail }) {
  const approve = useApprovePurchaseOrder(order.id);
  const reject = useRejectPurchaseOrder(order.id);
  const cancel = useCancelPurchaseOrder(order.id);
  const close = useClosePurchaseOrder(order.id);
  const receive = useReceiveGoods(order.id);
  const [open, setOpen] = useState<'reject' | 'cancel' | 'close' | 'receive' | null>(null);
  const received = order.goodsReceipts.length > 0;
  const receiving = order.status === 'APPROVED' || order.status === 'PART_RECEIVED';
  const [lastGrn, setLastGrn] = useState<string | null>(null);
  return (
    <Stack gap="xs" align="flex-end">
      <Group gap="xs">
        {order.status === 'RAISED' ? (
          <Authorization allowed="orders.purchase_orders.approve">
            <Button onClick={() => approve.mutate(undefined)} loading={approve.isPending}>
              Approve order
            </Button>
            <Button variant="default" onClick={() => setOpen('reject')}>
              Reject order
            </Button>
          </Authorization>
        ) : null}
        {receiving ? (
          <Authorization allowed="orders.goods.receive">
            <Button
              onClick={() => {
                receive.reset();
                setOpen('receive');
              }}
            >
              Receive goods
            </Button>
          </Authorization>
        ) : null}
        <Authorization allowed="orders.purchase_orders.write">
          {(order.status === 'RAISED' || order.status === 'APPROVED') && !received ? (
            <Button variant="default" color="red" onClick={() => setOpen('cancel')}>
              Cancel order
            </Button>
          ) : null}
          {order.status === 'PART_RECEIVED' ? (
            <Button variant="default" onClick={() => setOpen('close')}>
              Close order
            </Button>
          ) : null}
        </Authorization>
      </Group>
      {approve.error ? (
        <Alert color="red" role="alert" title="Not approved" maw={520}>
          {describeError(approve.error, 'approve purchase orders')}
        </Alert>
      ) : null}
      {lastGrn ? (
        <Text role="status" size="sm">
          Goods received as {lastGrn}.
        </Text>
      ) : null}
      <Modal opened={open === 'receive'} onClose={() => setOpen(null)} title={`Receive goods against ${order.number}`} size="xl">
        <DeliveryForm
          kind="receive"
          lines={order.lines}
          submitting={receive.isPending}
          error={receive.error}
          onSubmit={(v) =>
            receive.mutate(
              { date: v.date, lines: v.lines },
              {
                onSuccess: ({ receiveGoods }) => {
                  setLastGrn(receiveGoods.number);
                  setOpen(null);
                },
              },
            )
          }
        />
      </Modal>
      <ReasonModal
        title={`Reject ${order.number}`}
        opened={open === 'reject'}
        onClose={() => setOpen(null)}
        confirmLabel="Reject order"
        action="reject purchase orders"
        pending={reject.isPending}
        error={reject.error}
        onConfirm={(reason) => reject.mutate(reason, { onSuccess: () => setOpen(null) })}
      />
      <ReasonModal
        title={`Cancel ${order.number}`}
        opened={open === 'cancel'}
        onClose={() => setOpen(null)}
        confirmLabel="Cancel order"
        action="cancel purchase orders"
        pending={cancel.isPending}
        error={cancel.error}
        onConfirm={(reason) => cancel.mutate(reason, { onSuccess: () => setOpen(null) })}
      />
      <ReasonModal
        title={`Close ${order.number}`}
        opened={open === 'close'}
        onClose={() => setOpen(null)}
        confirmLabel="Close order"
        reasonRequired={false}
        action="close purchase orders"
        pending={close.isPending}
        error={close.error}
        onConfirm={(reason) => close.mutate(reason, { onSuccess: () => setOpen(null) })}
      >
        <Text size="sm">Nothing more will be received; the order commits only what was received.</Text>
      </ReasonModal>
    </Stack>
  );
}
