// For auditors: the events behind any number — a document (invoice, bill, credit note,
// payment), a journal or an account — with who, when, which request and what caused each.

import { Button, Code, Group, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';

import { Page } from '@/components/ui/page';
import { Empty, ErrorAlert, Loading } from '@/components/ui/query-state';
import { formatDateTime } from '@/lib/format';

import { useLedgerHistory } from '../api/get-ledger-history';

type Kind = 'document' | 'journal' | 'account';
const KINDS: Kind[] = ['document', 'journal', 'account'];

function pretty(data: string): string {
  try {
    return JSON.stringify(JSON.parse(data), null, 2);
  } catch {
    return data;
  }
}

export function LedgerHistoryRoute() {
  const [params, setParams] = useSearchParams();
  const kind: Kind = KINDS.find((k) => params.has(k)) ?? 'document';
  const value = params.get(kind) ?? '';
  const [draftKind, setDraftKind] = useState<Kind>(kind);
  const [draft, setDraft] = useState(value);
  const history = useLedgerHistory({ [kind]: value || null }, value !== '');

  const search = (event: FormEvent) => {
    event.preventDefault();
    if (draft.trim()) setParams({ [draftKind]: draft.trim() });
  };

  return (
    <Page title="Ledger history" description="Every event behind a number: who, when, which request, and what caused it.">
      <form onSubmit={search} aria-label="Find ledger history">
        <Stack gap="xs">
          <SegmentedControl
            aria-label="History of"
            value={draftKind}
            onChange={(k) => setDraftKind(k as Kind)}
            data={[
              { value: 'document', label: 'Document (invoice, bill, credit note, payment)' },
              { value: 'journal', label: 'Journal' },
              { value: 'account', label: 'Ledger account' },
            ]}
          />
          <Group align="flex-end">
            <TextInput
              label={draftKind === 'account' ? 'Account code' : `${draftKind === 'journal' ? 'Journal' : 'Document'} id`}
              value={draft}
              onChange={(e) => setDraft(e.currentTarget.value)}
              w={420}
            />
            <Button type="submit">Show history</Button>
          </Group>
        </Stack>
      </form>
      {value === '' ? (
        <Empty>Choose a document, journal or account to see its history.</Empty>
      ) : history.isPending ? (
        <Loading label="Replaying the ledger…" />
      ) : history.error ? (
        <ErrorAlert error={history.error} action="read the ledger history" onRetry={() => void history.refetch()} />
      ) : history.data.ledgerHistory.length === 0 ? (
        <Empty>No ledger events for {value}.</Empty>
      ) : (
        <Table.ScrollContainer minWidth={1000}>
          <Table aria-label={`Ledger history of ${value}`} verticalSpacing="sm" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Recorded</Table.Th>
                <Table.Th>Effective</Table.Th>
                <Table.Th>Event</Table.Th>
                <Table.Th>Stream</Table.Th>
                <Table.Th>Who</Table.Th>
                <Table.Th>Request / cause</Table.Th>
                <Table.Th>Data</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {history.data.ledgerHistory.map((event) => (
                <Table.Tr key={event.eventId}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(event.recordedAt)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{event.effectiveDate}</Table.Td>
                  <Table.Td>
                    <Text fw={600} size="sm">
                      {event.eventType}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">
                      {event.aggregateType} {event.aggregateId} #{event.sequence}
                    </Text>
                  </Table.Td>
                  <Table.Td>{event.subject ?? '—'}</Table.Td>
                  <Table.Td>
                    <Text size="xs">request {event.correlationId ?? '—'}</Text>
                    <Text size="xs" c="dimmed">
                      caused by {event.causationId ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <details>
                      <summary>Show data</summary>
                      <Code block>{pretty(event.data)}</Code>
                    </details>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Page>
  );
}
