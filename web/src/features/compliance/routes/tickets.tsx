// The ticket desk (`/compliance/tickets`, `compliance.tickets.raise`): tickets newest
// first (the desk sees all, anyone else their own) — subject (a link), category,
// priority, status, raised by, agent, opened — with the SLA clocks (response and
// resolution: the time left, "breached", or met), worked out from the server's due times
// against now and refreshed each minute; a status filter (`?status=…`); **New ticket**
// for everyone.

import { Button, Group, Modal, SegmentedControl } from '@mantine/core';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';

import { DataTable, type Column } from '@/components/ui/data-table';
import { AppLink } from '@/components/ui/link';
import { Page } from '@/components/ui/page';
import { Empty, QueryState } from '@/components/ui/query-state';
import type { TicketStatus } from '@/gql/graphql';
import { formatDateTime } from '@/lib/format';

import { useOpenTicket } from '../api/open-ticket';
import { useTickets, type TicketRow } from '../api/get-tickets';
import { PriorityBadge, TicketStatusBadge } from '../components/labels';
import { SlaClock, useNow } from '../components/sla-clock';
import { TicketForm } from '../components/ticket-form';

const STATUSES: readonly TicketStatus[] = ['NEW', 'OPEN', 'PENDING', 'RESOLVED', 'CLOSED'];

/** The SLA clocks of a ticket at `now`. */
export function TicketClocks({ ticket, now }: { ticket: Pick<TicketRow, 'sla' | 'firstResponseAt' | 'resolvedAt'>; now: Date }) {
  if (!ticket.sla) return <>—</>;
  return (
    <Group gap={4}>
      <SlaClock label="Response" due={ticket.sla.responseDue} breached={ticket.sla.responseBreached} doneAt={ticket.firstResponseAt} now={now} />
      <SlaClock label="Resolution" due={ticket.sla.resolutionDue} breached={ticket.sla.resolutionBreached} doneAt={ticket.resolvedAt} now={now} />
    </Group>
  );
}

export function ticketColumns(now: Date): Column<TicketRow>[] {
  return [
    { key: 'subject', header: 'Subject', cell: (r) => <AppLink to={`/compliance/tickets/${r.id}`}>{r.subject}</AppLink> },
    { key: 'category', header: 'Category', cell: (r) => r.category },
    { key: 'priority', header: 'Priority', cell: (r) => <PriorityBadge priority={r.priority} /> },
    { key: 'status', header: 'Status', cell: (r) => <TicketStatusBadge status={r.status} /> },
    { key: 'sla', header: 'SLA', cell: (r) => <TicketClocks ticket={r} now={now} /> },
    { key: 'by', header: 'Raised by', cell: (r) => r.raisedBy },
    { key: 'agent', header: 'Agent', cell: (r) => r.agent ?? '—' },
    { key: 'opened', header: 'Opened', cell: (r) => formatDateTime(r.openedAt) },
  ];
}

function NewTicket() {
  const open = useOpenTicket();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button
        onClick={() => {
          open.reset();
          setOpened(true);
        }}
      >
        New ticket
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title="New ticket" size="lg">
        {opened ? (
          <TicketForm
            submitting={open.isPending}
            error={open.error}
            onCancel={() => setOpened(false)}
            onSubmit={(variables) =>
              open.mutate(variables, {
                onSuccess: (id) => {
                  setOpened(false);
                  void navigate(`/compliance/tickets/${id}`);
                },
              })
            }
          />
        ) : null}
      </Modal>
    </>
  );
}

export function TicketsRoute({ now: fixedNow }: { now?: Date } = {}) {
  const tickets = useTickets();
  const ticking = useNow();
  const now = fixedNow ?? ticking;
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'ALL';
  return (
    <Page title="Tickets" description="The support desk: response and resolution clocks by priority." actions={<NewTicket />}>
      <SegmentedControl
        aria-label="Status"
        value={status}
        onChange={(value) => setParams(value === 'ALL' ? {} : { status: value }, { replace: true })}
        data={[{ value: 'ALL', label: 'All' }, ...STATUSES.map((s) => ({ value: s, label: s.charAt(0) + s.slice(1).toLowerCase() }))]}
        style={{ alignSelf: 'flex-start', maxWidth: '100%', overflowX: 'auto' }}
      />
      <QueryState query={tickets} action="read tickets">
        {(d) => {
          const rows = status === 'ALL' ? d.tickets : d.tickets.filter((t) => t.status === status);
          return rows.length === 0 ? (
            <Empty>No tickets{status === 'ALL' ? '' : ' with this status'}.</Empty>
          ) : (
            <DataTable label="Tickets" columns={ticketColumns(now)} rows={rows} rowKey={(r) => r.id} minWidth={1000} rowColor={(r) => (r.sla?.responseBreached || r.sla?.resolutionBreached ? 'red.0' : undefined)} />
          );
        }}
      </QueryState>
    </Page>
  );
}
