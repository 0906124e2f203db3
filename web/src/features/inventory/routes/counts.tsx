// Stock counts: the count sheets, latest first (location, reference, status, opened,
// posted; each a link to its sheet), filtered by location, and "New count" for those who
// may move stock — once the sheet is opened its page follows.

import { Badge, Button, Modal, NativeSelect } from '@mantine/core';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';

import { DataTable, type Column } from '@/components/ui/data-table';
import { AppLink } from '@/components/ui/link';
import { Page } from '@/components/ui/page';
import { QueryState } from '@/components/ui/query-state';
import { formatDateTime } from '@/lib/format';
import { Authorization } from '@/lib/permissions/authorization';

import { useOpenStockCount } from '../api/count-commands';
import { useStockCounts, type StockCountListRow } from '../api/get-stock-counts';
import { useStockLocations } from '../api/get-stock-locations';
import { OpenCountForm } from '../components/count-forms';

export const countPath = (id: string) => `/inventory/counts/${encodeURIComponent(id)}`;

export function CountStatus({ status }: { status: string }) {
  return (
    <Badge color={status === 'POSTED' ? 'green' : 'blue'} variant="light">
      {status}
    </Badge>
  );
}

const COLUMNS: Column<StockCountListRow>[] = [
  { key: 'location', header: 'Location', cell: (c) => c.location },
  { key: 'reference', header: 'Reference', cell: (c) => <AppLink to={countPath(c.id)}>{c.reference}</AppLink> },
  { key: 'status', header: 'Status', cell: (c) => <CountStatus status={c.status} /> },
  { key: 'opened', header: 'Opened', cell: (c) => formatDateTime(c.openedAt) },
  { key: 'posted', header: 'Posted', cell: (c) => formatDateTime(c.postedAt) },
];

function NewCount() {
  const locations = useStockLocations();
  const open = useOpenStockCount();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const choices = (locations.data?.stockLocations ?? []).filter((l) => !l.closed);
  return (
    <Authorization allowed="inventory.stock.write">
      <Button
        onClick={() => {
          open.reset();
          setOpened(true);
        }}
      >
        New count
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title="New count">
        <OpenCountForm
          locations={choices}
          submitting={open.isPending}
          error={open.error}
          onCancel={() => setOpened(false)}
          onSubmit={(v) => open.mutate(v, { onSuccess: ({ openStockCount }) => void navigate(countPath(openStockCount.id)) })}
        />
      </Modal>
    </Authorization>
  );
}

export function CountsRoute() {
  const [params, setParams] = useSearchParams();
  const location = params.get('location') ?? '';
  const counts = useStockCounts(location || null);
  const locations = useStockLocations();
  return (
    <Page title="Stock counts" description="Count sheets, latest first. Posting a count adjusts each counted product to what was counted." actions={<NewCount />}>
      <NativeSelect
        label="Location"
        w={280}
        data={[{ value: '', label: 'All locations' }, ...(locations.data?.stockLocations ?? []).map((l) => ({ value: l.code, label: `${l.code} ${l.name}` }))]}
        value={location}
        onChange={(e) => setParams(e.currentTarget.value ? { location: e.currentTarget.value } : {}, { replace: true })}
      />
      <QueryState query={counts} action="read stock counts" isEmpty={(d) => d.stockCounts.length === 0} empty="No counts yet.">
        {(d) => <DataTable label="Stock counts" columns={COLUMNS} rows={d.stockCounts} rowKey={(c) => c.id} rowLabel={(c) => `${c.reference} at ${c.location}`} />}
      </QueryState>
    </Page>
  );
}
