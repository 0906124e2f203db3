// One sales order: its status and what may be done next (confirm, ship, cancel), its
// lines with ordered, shipped and open quantities, its shipments, and the tax invoice
// finance raised for each shipment (for those who read the books).

import { Alert, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useParams } from 'react-router';

import { AppLink } from '@/components/ui/link';
import { Money } from '@/components/ui/money';
import { Page, Section } from '@/components/ui/page';
import { ErrorAlert, QueryState } from '@/components/ui/query-state';
import { describeError } from '@/lib/errors';
import { Authorization } from '@/lib/permissions/authorization';

import { useSalesOrder, type SalesOrderDetail } from '../api/get-sales-order';
import { useShipmentInvoice } from '../api/get-shipment-invoice';
import { useCancelSalesOrder, useConfirmSalesOrder, useShipSalesOrder } from '../api/sales-order-actions';
import { useTradeOptions } from '../api/trade-options';
import { DeliveryForm } from '../components/delivery-form';
import { ReasonModal } from '../components/reason-modal';
import { DeliveriesTable, OrderLinesTable, OrderStatusBadge } from '../components/trade';

export function SalesOrderRoute() {
  const { id = '' } = useParams();
  const order = useSalesOrder(id);
  const o = order.data?.salesOrder;
  return (
    <Page title={o ? `Sales order ${o.number}` : 'Sales order'} actions={<AppLink to="/sales-orders">All sales orders</AppLink>}>
      {o ? (
        <>
          {order.error ? <ErrorAlert error={order.error} action="read this order" title="The order could not be refreshed" onRetry={() => void order.refetch()} /> : null}
          <SalesOrderBody order={o} />
        </>
      ) : (
        <QueryState
          query={order}
          action="read this order"
          isEmpty={(d) => d.salesOrder === null}
          empty="This sales order was not found: it may not exist, it is not on your projects, or it was placed a moment ago (it appears shortly)."
        >
          {() => null}
        </QueryState>
      )}
    </Page>
  );
}

function SalesOrderBody({ order }: { order: SalesOrderDetail }) {
  const options = useTradeOptions();
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="center">
        <Group gap="xs">
          <Text fw={600}>Status</Text>
          <span aria-label="Order status">
            <OrderStatusBadge status={order.status} />
          </span>
        </Group>
        <Authorization allowed="orders.sales_orders.write">
          <SalesOrderActions order={order} />
        </Authorization>
      </Group>
      <Table aria-label="Order details" w="auto" withRowBorders={false}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th>Customer</Table.Th>
            <Table.Td>{options.data?.accountName(order.customerAccountId) ?? order.customerAccountId}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Project</Table.Th>
            <Table.Td>{options.data?.projectName(order.projectId) ?? order.projectId}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Date</Table.Th>
            <Table.Td>{order.date}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Retention</Table.Th>
            <Table.Td>{order.retentionPercent ? `${order.retentionPercent}%` : 'none'}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Total excl. VAT</Table.Th>
            <Table.Td>
              <Money amount={order.totalExclVat} />
            </Table.Td>
          </Table.Tr>
          {order.cancelReason ? (
            <Table.Tr>
              <Table.Th>Cancelled because</Table.Th>
              <Table.Td>{order.cancelReason}</Table.Td>
            </Table.Tr>
          ) : null}
        </Table.Tbody>
      </Table>
      <Section title="Lines: ordered and shipped">
        <OrderLinesTable label="Order lines" lines={order.lines} delivered="Shipped" />
      </Section>
      <Section title="Shipments">
        {order.shipments.length === 0 ? (
          <Text c="dimmed">Nothing shipped yet.</Text>
        ) : (
          <DeliveriesTable
            label="Shipments"
            numberHeader="Delivery note"
            deliveries={order.shipments}
            extra={{ header: 'Tax invoice', cell: (s) => (s.invoiceId ? <ShipmentInvoice invoiceId={s.invoiceId} /> : '—') }}
          />
        )}
      </Section>
    </Stack>
  );
}

/** The tax invoice finance raised for a shipment: its number for those who read the books. */
function ShipmentInvoice({ invoiceId }: { invoiceId: string }) {
  return (
    <Authorization
      allowed="finance.ledger.read"
      fallback={
        <Text size="sm" c="dimmed">
          invoiced by finance
        </Text>
      }
    >
      <ShipmentInvoiceNumber invoiceId={invoiceId} />
    </Authorization>
  );
}

function ShipmentInvoiceNumber({ invoiceId }: { invoiceId: string }) {
  const invoice = useShipmentInvoice(invoiceId);
  const found = invoice.data?.invoice;
  if (invoice.error) return <Text size="sm" c="red">{describeError(invoice.error, 'read invoices')}</Text>;
  if (!found?.number) {
    return (
      <Text size="sm" c="dimmed">
        being invoiced…
      </Text>
    );
  }
  return (
    <AppLink to={`/finance/invoices/${encodeURIComponent(found.id)}`}>
      Invoice {found.number} (due <Money amount={found.amountDue} />)
    </AppLink>
  );
}

function SalesOrderActions({ order }: { order: SalesOrderDetail }) {
  const confirm = useConfirmSalesOrder(order.id);
  const cancel = useCancelSalesOrder(order.id);
  const ship = useShipSalesOrder(order.id);
  const [shipping, setShipping] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const nothingShipped = order.shipments.length === 0;
  return (
    <Stack gap="xs" align="flex-end">
      <Group gap="xs">
        {order.status === 'PLACED' ? (
          <Button onClick={() => confirm.mutate(undefined)} loading={confirm.isPending}>
            Confirm order
          </Button>
        ) : null}
        {order.status === 'CONFIRMED' || order.status === 'PART_SHIPPED' ? (
          <Button
            onClick={() => {
              ship.reset();
              setShipping(true);
            }}
          >
            Ship
          </Button>
        ) : null}
        {(order.status === 'PLACED' || order.status === 'CONFIRMED') && nothingShipped ? (
          <Button variant="default" color="red" onClick={() => setCancelling(true)}>
            Cancel order
          </Button>
        ) : null}
      </Group>
      {confirm.error ? (
        <Alert color="red" role="alert" title="Not confirmed">
          {describeError(confirm.error, 'confirm sales orders')}
        </Alert>
      ) : null}
      <Modal opened={shipping} onClose={() => setShipping(false)} title={`Ship ${order.number}`} size="xl">
        <DeliveryForm
          kind="ship"
          lines={order.lines}
          submitting={ship.isPending}
          error={ship.error}
          onSubmit={(v) => ship.mutate({ deliveryNote: v.deliveryNote ?? '', date: v.date, lines: v.lines }, { onSuccess: () => setShipping(false) })}
        />
      </Modal>
      <ReasonModal
        title={`Cancel ${order.number}`}
        opened={cancelling}
        onClose={() => setCancelling(false)}
        confirmLabel="Cancel order"
        action="cancel sales orders"
        pending={cancel.isPending}
        error={cancel.error}
        onConfirm={(reason) => cancel.mutate(reason, { onSuccess: () => setCancelling(false) })}
      />
    </Stack>
  );
}
