// A count sheet (`/inventory/counts/:id`): its location, reference, status and dates,
// the lines (product, counted, book, variance — coloured), and while it is open, for
// those who may move stock, a form to record (or correct) what was counted of a product
// and "Post count" behind a confirmation. A posted sheet is read-only. A sheet just
// opened is asked for again until it can be read (`api/get-stock-counts.ts`).

import { Alert, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useParams } from 'react-router';

import { AppLink } from '@/components/ui/link';
import { Page, Section } from '@/components/ui/page';
import { Empty, Loading, QueryState } from '@/components/ui/query-state';
import { formatDateTime } from '@/lib/format';
import { Authorization } from '@/lib/permissions/authorization';

import { usePostStockCount, useRecordStockCount } from '../api/count-commands';
import { stockCountKey, useStockCount, type StockCountSheet } from '../api/get-stock-counts';
import { useStockLevels } from '../api/get-stock-levels';
import { CountLinesTable } from '../components/count-lines';
import { RecordCountForm } from '../components/count-forms';
import { describeRefusal } from '../components/stock-form';
import { CountStatus } from './counts';

function PostCount({ sheet }: { sheet: StockCountSheet }) {
  const post = usePostStockCount();
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <Button
        color="green"
        disabled={sheet.lines.length === 0}
        onClick={() => {
          post.reset();
          setConfirming(true);
        }}
      >
        Post count
      </Button>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Post count">
        <Stack gap="sm">
          <Text size="sm">
            Posting adjusts each of the {sheet.lines.length} counted products at {sheet.location} to what was counted, against what is on hand at
            that moment. A posted count is final.
          </Text>
          {post.error ? (
            <Alert color="red" role="alert" title="Not done">
              {describeRefusal(post.error, 'post a stock count')}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button color="green" loading={post.isPending} onClick={() => post.mutate(sheet.id, { onSuccess: () => setConfirming(false) })}>
              Post
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function Record({ sheet }: { sheet: StockCountSheet }) {
  const record = useRecordStockCount();
  const levels = useStockLevels({ location: sheet.location });
  const [done, setDone] = useState<string | null>(null);
  // A fresh form after each recorded count.
  const [recorded, setRecorded] = useState(0);
  const products = [...new Set((levels.data?.stockLevels ?? []).map((l) => l.product))].sort();
  return (
    <Section title="Record a count">
      <RecordCountForm
        key={recorded}
        products={products}
        submitting={record.isPending}
        error={record.error}
        onSubmit={(v) => record.mutate({ countId: sheet.id, ...v }, {
            onSuccess: () => {
              setDone(`Recorded ${v.counted} of ${v.product}.`);
              setRecorded((n) => n + 1);
            },
          })}
      />
      {done ? (
        <Text role="status" size="sm">
          {done}
        </Text>
      ) : null}
    </Section>
  );
}

function Sheet({ sheet }: { sheet: StockCountSheet }) {
  const open = sheet.status === 'OPEN';
  const row = (label: string, value: ReactNode) => (
    <Table.Tr>
      <Table.Th>{label}</Table.Th>
      <Table.Td>{value}</Table.Td>
    </Table.Tr>
  );
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <Table aria-label="Count details" w="auto" withRowBorders={false}>
          <Table.Tbody>
            {row('Location', sheet.location)}
            {row('Status', <CountStatus status={sheet.status} />)}
            {row('Opened', formatDateTime(sheet.openedAt))}
            {sheet.postedAt ? row('Posted', formatDateTime(sheet.postedAt)) : null}
          </Table.Tbody>
        </Table>
        {open ? (
          <Authorization allowed="inventory.stock.write">
            <PostCount sheet={sheet} />
          </Authorization>
        ) : null}
      </Group>
      <Section title="Lines">
        {sheet.lines.length === 0 ? <Empty>Nothing counted yet.</Empty> : <CountLinesTable lines={sheet.lines} />}
        <Text size="xs" c="dimmed">
          {open ? 'Book is what is on hand now; variance is counted less book, what posting adjusts.' : 'Book as it stood when the count was posted. A posted count is final.'}
        </Text>
      </Section>
      {open ? (
        <Authorization allowed="inventory.stock.write">
          <Record sheet={sheet} />
        </Authorization>
      ) : null}
    </Stack>
  );
}

export function CountRoute() {
  const { id = '' } = useParams();
  const count = useStockCount(id);
  const queryClient = useQueryClient();
  const sheet = count.data?.stockCount;
  return (
    <Page title={sheet ? `Count ${sheet.reference}` : 'Count'} actions={<AppLink to="/inventory/counts">All counts</AppLink>}>
      <QueryState query={count} action="read the count sheet">
        {(d) => (d.stockCount ? <Sheet sheet={d.stockCount} /> : (queryClient.getQueryState(stockCountKey(id))?.dataUpdateCount ?? 0) < 60 ? <Loading label="Waiting for the count sheet…" /> : <Empty>No such count.</Empty>)}
      </QueryState>
    </Page>
  );
}
