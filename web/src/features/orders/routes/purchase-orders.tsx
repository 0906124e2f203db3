// Purchase orders: filtered by project and status (kept in the URL), newest first, with
// their committed value and "New purchase order" for those who may raise them.

import { Button, Group, Modal, NativeSelect } from '@mantine/core';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';

import { DataTable, type Column } from '@/components/ui/data-table';
import { AppLink } from '@/components/ui/link';
import { Money } from '@/components/ui/money';
import { Page } from '@/components/ui/page';
import { QueryState } from '@/components/ui/query-state';
import type { PurchaseOrdersQuery, PurchaseOrderStatus } from '@/gql/graphql';
import { humanize } from '@/lib/format';
import { Authorization } from '@/lib/permissions/authorization';

import { usePurchaseOrders } from '../api/get-purchase-orders';
import { useRaisePurchaseOrder } from '../api/purchase-order-actions';
import { useTradeOptions, type TradeOptions } from '../api/trade-options';
import { OrderForm } from '../components/order-form';
import { OrderStatusBadge } from '../components/trade';

type Row = PurchaseOrdersQuery['purchaseOrders'][number];

const STATUSES: PurchaseOrderStatus[] = ['RAISED', 'APPROVED', 'REJECTED', 'PART_RECEIVED', 'RECEIVED', 'CANCELLED', 'CLOSED'];

function columns(options: TradeOptions | undefined): Column<Row>[] {
  return [
    { key: 'number', header: 'Number', cell: (o) => <AppLink to={`/purchase-orders/${encodeURIComponent(o.id)}`}>{o.number}</AppLink> },
    { key: 'date', header: 'Date', cell: (o) => o.date },
    { key: 'supplier', header: 'Supplier', cell: (o) => options?.accountName(o.vendorAccountId) ?? o.vendorAccountId },
    { key: 'project', header: 'Project', cell: (o) => options?.projectName(o.projectId) ?? o.projectId },
    { key: 'cost', header: 'Cost code', cell: (o) => o.costCode },
    { key: 'status', header: 'Status', cell: (o) => <OrderStatusBadge status={o.status} /> },
    { key: 'grns', header: 'Receipts', numeric: true, cell: (o) => o.goodsReceipts.length },
    { key: 'total', header: 'Total excl. VAT', numeric: true, cell: (o) => <Money amount={o.totalExclVat} /> },
    { key: 'committed', header: 'Committed', numeric: true, cell: (o) => <Money amount={o.committed} /> },
  ];
}

function NewPurchaseOrder({ options }: { options: TradeOptions }) {
  const [opened, setOpened] = useState(false);
  const raise = useRaisePurchaseOrder();
  const navigate = useNavigate();
  return (
    <>
      <Button onClick={() => setOpened(true)}>New purchase order</Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title="New purchase order" size="80rem">
        <OrderForm
          kind="purchase"
          parties={options.suppliers}
          projects={options.projects}
          submitting={raise.isPending}
          error={raise.error}
          onSubmit={(v) =>
            raise.mutate(
              { vendorAccountId: v.accountId, projectId: v.projectId, costCode: v.costCode, date: v.date, lines: v.lines },
              {
                onSuccess: ({ raisePurchaseOrder }) => {
                  setOpened(false);
                  void navigate(`/purchase-orders/${encodeURIComponent(raisePurchaseOrder.id)}`);
                },
              },
            )
          }
        />
      </Modal>
    </>
  );
}

export function PurchaseOrdersRoute() {
  const [params, setParams] = useSearchParams();
  const projectId = params.get('project');
  const status = (params.get('status') as PurchaseOrderStatus | null) ?? null;
  const orders = usePurchaseOrders({ projectId, status });
  const options = useTradeOptions();
  const setFilter = (key: string, value: string) =>
    setParams((old) => {
      const next = new URLSearchParams(old);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });
  return (
    <Page
      title="Purchase orders"
      description="Goods and subcontracted work bought for a project and cost code. Approved orders commit their value until finance matches the bills. Amounts exclude VAT."
      actions={
        options.data ? (
          <Authorization allowed="orders.purchase_orders.write">
            <NewPurchaseOrder options={options.data} />
          </Authorization>
        ) : null
      }
    >
      <Group>
        {options.data?.projects ? (
          <NativeSelect
            label="Project"
            data={[{ value: '', label: 'All projects' }, ...options.data.projects]}
            value={projectId ?? ''}
            onChange={(e) => setFilter('project', e.currentTarget.value)}
          />
        ) : null}
        <NativeSelect
          label="Status"
          data={[{ value: '', label: 'Any status' }, ...STATUSES.map((s) => ({ value: s, label: humanize(s) }))]}
          value={status ?? ''}
          onChange={(e) => setFilter('status', e.currentTarget.value)}
        />
      </Group>
      <QueryState query={orders} action="read purchase orders" isEmpty={(d) => d.purchaseOrders.length === 0} empty="No purchase orders match.">
        {(d) => <DataTable label="Purchase orders" columns={columns(options.data)} rows={d.purchaseOrders} rowKey={(o) => o.id} rowLabel={(o) => o.number} minWidth={1100} />}
      </QueryState>
    </Page>
  );
}
