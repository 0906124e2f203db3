// A ticket (`/compliance/tickets/:id`): subject, status, priority, category, who raised
// it, the agent, the SLA clocks, the description and resolution; the comments oldest
// first (internal ones marked — the requester sees only the public ones); a comment box
// (the desk chooses public or internal; a requester's comment is public); and, for the
// desk (`compliance.tickets.work`), the workflow: **Assign**, **Pend**, **Resolve**,
// **Close**, **Reopen** as the status allows. Refusals in the server's words.

import { Badge, Button, Card, Group, Stack, Switch, Table, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';

import { AppLink } from '@/components/ui/link';
import { Page, Section } from '@/components/ui/page';
import { ErrorAlert, Loading, QueryState } from '@/components/ui/query-state';
import { formatDateTime } from '@/lib/format';
import { Authorization, usePermissions } from '@/lib/permissions/authorization';

import { useAssignTicket } from '../api/assign-ticket';
import { useCloseTicket } from '../api/close-ticket';
import { useCommentOnTicket } from '../api/comment-on-ticket';
import { useTicket, type TicketDetail } from '../api/get-ticket';
import { usePendTicket } from '../api/pend-ticket';
import { useReopenTicket } from '../api/reopen-ticket';
import { useResolveTicket } from '../api/resolve-ticket';
import { PriorityBadge, TicketStatusBadge } from '../components/labels';
import { ReasonModal } from '../components/reason-modal';
import { useNow } from '../components/sla-clock';
import { TicketClocks } from './tickets';

function CommentBox({ ticketId }: { ticketId: string }) {
  const { can } = usePermissions();
  const desk = can('compliance.tickets.work');
  const comment = useCommentOnTicket(ticketId);
  const [body, setBody] = useState('');
  const [isPublic, setPublic] = useState(!desk);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return;
    comment.mutate({ body: body.trim(), public: desk ? isPublic : true }, { onSuccess: () => setBody('') });
  };
  return (
    <form onSubmit={submit} aria-label="Comment" noValidate>
      <Stack gap="xs">
        <Textarea label="Comment" rows={2} value={body} onChange={(e) => setBody(e.currentTarget.value)} />
        {desk ? <Switch label="Public (the requester sees it)" checked={isPublic} onChange={(e) => setPublic(e.currentTarget.checked)} /> : null}
        {comment.error ? <ErrorAlert error={comment.error} action="comment on tickets" title="Not sent" /> : null}
        <Group>
          <Button type="submit" loading={comment.isPending} disabled={!body.trim()}>
            {desk && !isPublic ? 'Add internal note' : 'Send comment'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type Asking = 'assign' | 'resolve' | 'reopen' | null;

function Workflow({ ticket }: { ticket: TicketDetail }) {
  const id = ticket.id;
  const assign = useAssignTicket(id);
  const pend = usePendTicket(id);
  const resolve = useResolveTicket(id);
  const close = useCloseTicket(id);
  const reopen = useReopenTicket(id);
  const [asking, setAsking] = useState<Asking>(null);
  const status = ticket.status;
  const working = status === 'NEW' || status === 'OPEN' || status === 'PENDING';
  const ask = (what: Asking) => {
    assign.reset();
    resolve.reset();
    reopen.reset();
    setAsking(what);
  };
  const error = pend.error ?? close.error;
  return (
    <Stack gap="xs">
      <Group gap="xs">
        {working ? <Button variant="light" onClick={() => ask('assign')}>Assign</Button> : null}
        {status === 'OPEN' ? (
          <Button variant="light" loading={pend.isPending} onClick={() => pend.mutate()}>
            Pend
          </Button>
        ) : null}
        {working ? <Button onClick={() => ask('resolve')}>Resolve</Button> : null}
        {status === 'RESOLVED' ? (
          <Button variant="light" loading={close.isPending} onClick={() => close.mutate()}>
            Close
          </Button>
        ) : null}
        {status === 'RESOLVED' || status === 'CLOSED' ? (
          <Button variant="light" color="orange" onClick={() => ask('reopen')}>
            Reopen
          </Button>
        ) : null}
      </Group>
      {error ? <ErrorAlert error={error} action="work tickets" title="Not done" /> : null}
      <ReasonModal
        key={`assign-${String(asking === 'assign')}`}
        title="Assign ticket"
        opened={asking === 'assign'}
        onClose={() => setAsking(null)}
        fieldLabel="Agent or team"
        initial={ticket.agent ?? ''}
        confirmLabel="Assign"
        pending={assign.isPending}
        error={assign.error}
        action="assign tickets"
        onConfirm={(agent) => assign.mutate({ agent }, { onSuccess: () => setAsking(null) })}
      />
      <ReasonModal
        key={`resolve-${String(asking === 'resolve')}`}
        title="Resolve ticket"
        opened={asking === 'resolve'}
        onClose={() => setAsking(null)}
        fieldLabel="Resolution"
        confirmLabel="Resolve"
        pending={resolve.isPending}
        error={resolve.error}
        action="resolve tickets"
        onConfirm={(resolution) => resolve.mutate({ resolution }, { onSuccess: () => setAsking(null) })}
      />
      <ReasonModal
        key={`reopen-${String(asking === 'reopen')}`}
        title="Reopen ticket"
        opened={asking === 'reopen'}
        onClose={() => setAsking(null)}
        confirmLabel="Reopen"
        pending={reopen.isPending}
        error={reopen.error}
        action="reopen tickets"
        onConfirm={(reason) => reopen.mutate({ reason }, { onSuccess: () => setAsking(null) })}
      />
    </Stack>
  );
}

export function TicketView({ ticket, now }: { ticket: TicketDetail; now: Date }) {
  return (
    <Stack gap="md">
      <Group gap="xs">
        <TicketStatusBadge status={ticket.status} />
        <PriorityBadge priority={ticket.priority} />
        <TicketClocks ticket={ticket} now={now} />
      </Group>
      <Table aria-label="Ticket details" variant="vertical" layout="fixed" withTableBorder>
        <Table.Tbody>
          {(
            [
              ['Category', ticket.category],
              ['Raised by', ticket.raisedBy],
              ['Agent', ticket.agent ?? '—'],
              ['Opened', formatDateTime(ticket.openedAt)],
              ['First response', formatDateTime(ticket.firstResponseAt) || '—'],
              ['Resolved', formatDateTime(ticket.resolvedAt) || '—'],
              ['Account', ticket.accountId ?? '—'],
              ['Project', ticket.projectId ?? '—'],
            ] as const
          ).map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w={140}>{label}</Table.Th>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text style={{ whiteSpace: 'pre-wrap' }}>{ticket.description}</Text>
      {ticket.resolution ? (
        <Text>
          <strong>Resolution:</strong> {ticket.resolution}
        </Text>
      ) : null}
      <Authorization allowed="compliance.tickets.work">
        <Workflow ticket={ticket} />
      </Authorization>
      <Section title="Comments">
        {ticket.comments.length === 0 ? (
          <Text size="sm" c="dimmed">
            No comments yet.
          </Text>
        ) : (
          ticket.comments.map((c, i) => (
            <Card key={`${c.at}-${i}`} withBorder padding="sm" component="article" aria-label={`Comment by ${c.author}`} bg={c.public ? undefined : 'yellow.0'}>
              <Group gap="xs">
                <Text size="sm" fw={600}>
                  {c.author}
                </Text>
                <Text size="sm" c="dimmed">
                  {formatDateTime(c.at)}
                </Text>
                {c.public ? null : (
                  <Badge color="yellow" variant="filled" size="sm">
                    Internal
                  </Badge>
                )}
              </Group>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {c.body}
              </Text>
            </Card>
          ))
        )}
        {ticket.status !== 'CLOSED' ? <CommentBox ticketId={ticket.id} /> : null}
      </Section>
    </Stack>
  );
}

export function TicketRoute() {
  const { id = '' } = useParams();
  const ticket = useTicket(id);
  const now = useNow();
  return (
    <Page title={ticket.data?.ticket?.subject ?? 'Ticket'} actions={<AppLink to="/compliance/tickets">All tickets</AppLink>}>
      <QueryState query={ticket} action="read tickets">
        {(d) => (d.ticket ? <TicketView ticket={d.ticket} now={now} /> : <Loading label="Waiting for the ticket to be recorded…" />)}
      </QueryState>
    </Page>
  );
}
