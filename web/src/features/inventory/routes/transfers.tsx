// Transfers between locations, latest first: product, from, to, quantity, value,
// dispatched, and received (or an "in transit" badge); "in transit only" kept in the
// URL (`?inTransit=1`); "New transfer" and "Receive" on in-transit rows for those who may
// move stock.

import { Badge, Button, Checkbox, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useSearchParams } from 'react-router';

import { DataTable, type Column } from '@/components/ui/data-table';
import { Money } from '@/components/ui/money';
import { Page } from '@/components/ui/page';
import { QueryState } from '@/components/ui/query-state';
import { formatDateTime } from '@/lib/format';
import { Authorization } from '@/lib/permissions/authorization';

import { useStockLevels } from '../api/get-stock-levels';
import { useStockLocations } from '../api/get-stock-locations';
import { useStockTransfers, type StockTransferRow } from '../api/get-stock-transfers';
import { useReceiveTransfer, useTransferStock } from '../api/transfer-commands';
import { describeRefusal } from '../components/stock-form';
import { TransferForm } from '../components/transfer-form';

function ReceiveButton({ transfer }: { transfer: StockTransferRow }) {
  const receive = useReceiveTransfer();
  return (
    <Authorization allowed="inventory.stock.write">
      <Stack gap={2} align="flex-start">
        <Button size="compact-xs" variant="light" loading={receive.isPending} disabled={receive.isSuccess} aria-label={`Receive ${transfer.reference}`} onClick={() => receive.mutate(transfer.id)}>
          {receive.isSuccess ? 'Received' : 'Receive'}
        </Button>
        {receive.error ? (
          <Text size="xs" c="red" role="alert">
            {describeRefusal(receive.error, 'receive a transfer')}
          </Text>
        ) : null}
      </Stack>
    </Authorization>
  );
}

const COLUMNS: Column<StockTransferRow>[] = [
  { key: 'product', header: 'Product', cell: (t) => t.product },
  { key: 'from', header: 'From', cell: (t) => t.fromLocation },
  { key: 'to', header: 'To', cell: (t) => t.toLocation },
  { key: 'quantity', header: 'Quantity', numeric: true, cell: (t) => t.quantity },
  { key: 'value', header: 'Value', numeric: true, cell: (t) => <Money amount={t.value} /> },
  { key: 'reference', header: 'Reference', cell: (t) => t.reference },
  { key: 'dispatched', header: 'Dispatched', cell: (t) => formatDateTime(t.dispatchedAt) },
  {
    key: 'received',
    header: 'Received',
    cell: (t) =>
      t.receivedAt ? (
        formatDateTime(t.receivedAt)
      ) : (
        <Badge color="orange" variant="light">
          in transit
        </Badge>
      ),
  },
  { key: 'actions', header: '', cell: (t) => (t.receivedAt ? null : <ReceiveButton transfer={t} />) },
];

function NewTransfer() {
  const transfer = useTransferStock();
  const levels = useStockLevels();
  const locations = useStockLocations();
  const [opened, setOpened] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const products = [...new Set((levels.data?.stockLevels ?? []).map((l) => l.product))].sort();
  const choices = (locations.data?.stockLocations ?? []).filter((l) => !l.closed);
  return (
    <Authorization allowed="inventory.stock.write">
      <Stack gap={4} align="flex-end">
        <Button
          onClick={() => {
            transfer.reset();
            setOpened(true);
          }}
        >
          New transfer
        </Button>
        {done ? (
          <Text role="status" size="sm">
            {done}
          </Text>
        ) : null}
      </Stack>
      <Modal opened={opened} onClose={() => setOpened(false)} title="New transfer" size="lg">
        <TransferForm
          products={products}
          locations={choices}
          submitting={transfer.isPending}
          error={transfer.error}
          onCancel={() => setOpened(false)}
          onSubmit={(v) =>
            transfer.mutate(v, {
              onSuccess: () => {
                setDone(`Sent ${v.quantity} of ${v.product} from ${v.fromLocation} to ${v.toLocation} (${v.reference}).`);
                setOpened(false);
              },
            })
          }
        />
      </Modal>
    </Authorization>
  );
}

export function TransfersRoute() {
  const [params, setParams] = useSearchParams();
  const inTransit = params.get('inTransit') === '1';
  const transfers = useStockTransfers(inTransit);
  return (
    <Page title="Stock transfers" description="Goods sent between locations, latest first, at the value that left the source; in transit until received." actions={<NewTransfer />}>
      <Checkbox label="In transit only" checked={inTransit} onChange={(e) => setParams(e.currentTarget.checked ? { inTransit: '1' } : {}, { replace: true })} />
      <QueryState query={transfers} action="read stock transfers" isEmpty={(d) => d.stockTransfers.length === 0} empty={inTransit ? 'Nothing is in transit.' : 'No transfers yet.'}>
        {(d) => <DataTable label="Stock transfers" columns={COLUMNS} rows={d.stockTransfers} rowKey={(t) => t.id} rowLabel={(t) => `${t.product} ${t.fromLocation} to ${t.toLocation} ${t.reference}`} minWidth={1000} />}
      </QueryState>
    </Page>
  );
}
