// Leads from capture to conversion: list (search, status, paging), capture a new one,
// qualify, disqualify with a reason, convert into an account and contact.

import { Alert, Badge, Button, Group, Modal, NativeSelect, Stack, Table, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';

import { AppLink } from '@/components/ui/link';
import { Money, NumberCell, NumberTh } from '@/components/ui/money';
import { Page } from '@/components/ui/page';
import { ErrorAlert, QueryState } from '@/components/ui/query-state';
import { describeError, fieldErrors } from '@/lib/errors';
import { humanize } from '@/lib/format';
import { Authorization } from '@/lib/permissions/authorization';
import type { LeadSource, LeadStatus } from '@/gql/graphql';

import { useLeads } from '../api/get-leads';
import { useCaptureLead, useConvertLead, useDisqualifyLead, useQualifyLead } from '../api/lead-actions';

const SOURCES: LeadSource[] = ['REFERRAL', 'WEBSITE', 'TENDER_BULLETIN', 'COLD_CALL', 'OTHER'];

function CaptureLead({ onDone }: { onDone: () => void }) {
  const capture = useCaptureLead();
  const [v, setV] = useState({ companyName: '', first: '', last: '', email: '', source: 'REFERRAL' as LeadSource, value: '' });
  const fields = fieldErrors(capture.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    capture.mutate(
      {
        companyName: v.companyName.trim(),
        contactFirstName: v.first.trim(),
        contactLastName: v.last.trim(),
        email: v.email.trim() || null,
        source: v.source,
        estimatedValue: v.value.trim() || null,
      },
      { onSuccess: onDone },
    );
  };
  return (
    <form onSubmit={submit} aria-label="Capture lead">
      <Stack>
        <TextInput label="Company" required value={v.companyName} onChange={(e) => setV({ ...v, companyName: e.currentTarget.value })} error={fields.companyName} />
        <Group grow>
          <TextInput label="Contact first name" required value={v.first} onChange={(e) => setV({ ...v, first: e.currentTarget.value })} error={fields.contactFirstName} />
          <TextInput label="Contact last name" required value={v.last} onChange={(e) => setV({ ...v, last: e.currentTarget.value })} error={fields.contactLastName} />
        </Group>
        <TextInput label="Email" type="email" value={v.email} onChange={(e) => setV({ ...v, email: e.currentTarget.value })} error={fields.email} />
        <Group grow>
          <NativeSelect label="Source" value={v.source} onChange={(e) => setV({ ...v, source: e.currentTarget.value as LeadSource })} data={SOURCES.map((s) => ({ value: s, label: humanize(s) }))} />
          <TextInput label="Estimated value (R)" inputMode="decimal" value={v.value} onChange={(e) => setV({ ...v, value: e.currentTarget.value })} error={fields.estimatedValue} />
        </Group>
        {capture.error && Object.keys(fields).length === 0 ? (
          <Alert color="red" role="alert">
            {describeError(capture.error, 'capture leads')}
          </Alert>
        ) : null}
        <Button type="submit" loading={capture.isPending} disabled={!v.companyName.trim() || !v.first.trim() || !v.last.trim()}>
          Capture lead
        </Button>
      </Stack>
    </form>
  );
}

function LeadActions({ id, status }: { id: string; status: LeadStatus }) {
  const qualify = useQualifyLead();
  const disqualify = useDisqualifyLead();
  const convert = useConvertLead();
  const [reason, setReason] = useState('');
  const error = qualify.error ?? disqualify.error ?? convert.error;
  if (status === 'CONVERTED' || status === 'DISQUALIFIED') return null;
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="nowrap">
        {status === 'NEW' ? (
          <Button size="xs" variant="light" loading={qualify.isPending} onClick={() => qualify.mutate(id)}>
            Qualify
          </Button>
        ) : (
          <Button size="xs" loading={convert.isPending} onClick={() => convert.mutate(id)}>
            Convert
          </Button>
        )}
        <TextInput size="xs" aria-label="Reason to disqualify" placeholder="Reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        <Button size="xs" color="red" variant="subtle" disabled={!reason.trim()} loading={disqualify.isPending} onClick={() => disqualify.mutate({ id, reason: reason.trim() })}>
          Disqualify
        </Button>
      </Group>
      {error ? <ErrorAlert error={error} action="change leads" /> : null}
    </Stack>
  );
}

export function LeadsRoute() {
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<LeadStatus | ''>('');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [opened, { open, close }] = useDisclosure(false);
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const leads = useLeads({ first: 20, after: cursors[cursors.length - 1] ?? null, companyContains: debounced || null, status: status || null });
  return (
    <Page
      title="Leads"
      description="From first contact to a qualified lead, then an account and an opportunity."
      actions={
        <Authorization allowed="identity.leads.write">
          <Button onClick={open}>Capture lead</Button>
        </Authorization>
      }
    >
      <Modal opened={opened} onClose={close} title="Capture a lead">
        <CaptureLead onDone={close} />
      </Modal>
      <Group align="flex-end">
        <TextInput label="Search by company" type="search" value={search} onChange={(e) => { setSearch(e.currentTarget.value); setCursors([null]); }} />
        <NativeSelect
          label="Status"
          value={status}
          onChange={(e) => { setStatus(e.currentTarget.value as LeadStatus | ''); setCursors([null]); }}
          data={[{ value: '', label: 'Every status' }, ...(['NEW', 'QUALIFIED', 'DISQUALIFIED', 'CONVERTED'] as const).map((s) => ({ value: s, label: humanize(s) }))]}
        />
      </Group>
      <QueryState query={leads} action="read leads" isEmpty={(d) => d.leads.nodes.length === 0} empty="No leads match.">
        {({ leads: page }) => (
          <>
            <Table.ScrollContainer minWidth={900}>
              <Table striped aria-label="Leads">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Company</Table.Th>
                    <Table.Th>Contact</Table.Th>
                    <Table.Th>Source</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>Owner</Table.Th>
                    <NumberTh>Estimated value</NumberTh>
                    <Table.Th>Actions</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {page.nodes.map((lead) => (
                    <Table.Tr key={lead.id}>
                      <Table.Td>
                        {lead.accountId ? <AppLink to={`/accounts/${lead.accountId}`}>{lead.companyName}</AppLink> : lead.companyName}
                      </Table.Td>
                      <Table.Td>
                        {lead.contactFirstName} {lead.contactLastName}
                      </Table.Td>
                      <Table.Td>{humanize(lead.source)}</Table.Td>
                      <Table.Td>
                        <Badge variant="light">{humanize(lead.status)}</Badge>
                        {lead.disqualificationReason ? ` ${lead.disqualificationReason}` : ''}
                      </Table.Td>
                      <Table.Td>{lead.owner}</Table.Td>
                      <NumberCell>{lead.estimatedValue ? <Money amount={lead.estimatedValue} /> : '—'}</NumberCell>
                      <Table.Td>
                        <Authorization allowed="identity.leads.write">
                          <LeadActions id={lead.id} status={lead.status} />
                        </Authorization>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Group justify="space-between">
              <Button variant="default" disabled={cursors.length === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
                Previous page
              </Button>
              <Button variant="default" disabled={!page.pageInfo.hasNextPage} onClick={() => setCursors((c) => [...c, page.pageInfo.endCursor ?? null])}>
                Next page
              </Button>
            </Group>
          </>
        )}
      </QueryState>
    </Page>
  );
}
