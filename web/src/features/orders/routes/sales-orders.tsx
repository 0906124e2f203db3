// Sales orders: filtered by project and status (kept in the URL), newest first, with
// "New sales order" for those who may place them.

import { Button, Group, Modal, NativeSelect } from '@mantine/core';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';

import { DataTable, type Column } from '@/components/ui/data-table';
import { AppLink } from '@/components/ui/link';
import { Money } from '@/components/ui/money';
import { Page } from '@/components/ui/page';
import { QueryState } from '@/components/ui/query-state';
import type { SalesOrdersQuery, SalesOrderStatus } from '@/gql/graphql';
import { humanize } from '@/lib/format';
import { Authorization } from '@/lib/permissions/authorization';

import { useSalesOrders } from '../api/get-sales-orders';
import { usePlaceSalesOrder } from '../api/sales-order-actions';
import { useTradeOptions, type TradeOptions } from '../api/trade-options';
import { OrderForm } from '../components/order-form';
import { OrderStatusBadge } from '../components/trade';

type Row = SalesOrdersQuery['salesOrders'][number];

const STATUSES: SalesOrderStatus[] = ['PLACED', 'CONFIRMED', 'PART_SHIPPED', 'SHIPPED', 'CANCELLED'];

function columns(options: TradeOptions | undefined): Column<Row>[] {
  return [
    { key: 'number', header: 'Number', cell: (o) => <AppLink to={`/sales-orders/${encodeURIComponent(o.id)}`}>{o.number}</AppLink> },
    { key: 'date', header: 'Date', cell: (o) => o.date },
    { key: 'customer', header: 'Customer', cell: (o) => options?.accountName(o.customerAccountId) ?? o.customerAccountId },
    { key: 'project', header: 'Project', cell: (o) => options?.projectName(o.projectId) ?? o.projectId },
    { key: 'status', header: 'Status', cell: (o) => <OrderStatusBadge status={o.status} /> },
    { key: 'shipments', header: 'Shipments', numeric: true, cell: (o) => o.shipments.length },
    { key: 'total', header: 'Total excl. VAT', numeric: true, cell: (o) => <Money amount={o.totalExclVat} /> },
  ];
}

function NewSalesOrder({ options }: { options: TradeOptions }) {
  const [opened, setOpened] = useState(false);
  const place = usePlaceSalesOrder();
  const navigate = useNavigate();
  return (
    <>
      <Button onClick={() => setOpened(true)}>New sales order</Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title="New sales order" size="80rem">
        <OrderForm
          kind="sales"
          parties={options.customers}
          projects={options.projects}
          submitting={place.isPending}
          error={place.error}
          onSubmit={(v) =>
            place.mutate(
              { customerAccountId: v.accountId, projectId: v.projectId, date: v.date, retentionPercent: v.retentionPercent, lines: v.lines },
              {
                onSuccess: ({ placeSalesOrder }) => {
                  setOpened(false);
                  void navigate(`/sales-orders/${encodeURIComponent(placeSalesOrder.id)}`);
                },
              },
            )
          }
        />
      </Modal>
    </>
  );
}

export function SalesOrdersRoute() {
  const [params, setParams] = useSearchParams();
  const projectId = params.get('project');
  const status = (params.get('status') as SalesOrderStatus | null) ?? null;
  const orders = useSalesOrders({ projectId, status });
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
      title="Sales orders"
      description="Goods and services sold to customers for a project; each shipment is invoiced by finance. Amounts exclude VAT."
      actions={
        options.data ? (
          <Authorization allowed="orders.sales_orders.write">
            <NewSalesOrder options={options.data} />
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
      <QueryState query={orders} action="read sales orders" isEmpty={(d) => d.salesOrders.length === 0} empty="No sales orders match.">
        {(d) => <DataTable label="Sales orders" columns={columns(options.data)} rows={d.salesOrders} rowKey={(o) => o.id} rowLabel={(o) => o.number} minWidth={1000} />}
      </QueryState>
    </Page>
  );
}
