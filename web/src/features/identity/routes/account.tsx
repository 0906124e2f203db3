// One account: registered details, B-BBEE, CIDB, payment terms, addresses, contacts and
// status history; administrators of identity may change its status.

import { Badge, Button, Card, Grid, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useParams } from 'react-router';

import { LinkButton } from '@/components/ui/link';
import { Page, Section } from '@/components/ui/page';
import { Empty, ErrorAlert, Loading } from '@/components/ui/query-state';
import { formatDateTime, humanize } from '@/lib/format';
import { Authorization } from '@/lib/permissions/authorization';
import type { AccountStatus } from '@/gql/graphql';

import { useAccount } from '../api/get-account';
import { useChangeAccountStatus } from '../api/change-account-status';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text>{children}</Text>
    </Stack>
  );
}

function StatusChanger({ id, current }: { id: string; current: AccountStatus }) {
  const [status, setStatus] = useState<AccountStatus>(current);
  const [reason, setReason] = useState('');
  const change = useChangeAccountStatus();
  return (
    <Group align="flex-end">
      <NativeSelect
        label="Change status to"
        value={status}
        onChange={(e) => setStatus(e.currentTarget.value as AccountStatus)}
        data={[
          { value: 'ACTIVE', label: 'Active' },
          { value: 'ON_HOLD', label: 'On hold' },
          { value: 'ARCHIVED', label: 'Archived' },
        ]}
      />
      <TextInput label="Reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
      <Button disabled={status === current} loading={change.isPending} onClick={() => change.mutate({ id, status, reason: reason.trim() || null })}>
        Change status
      </Button>
      {change.error ? <ErrorAlert error={change.error} action="change account status" /> : null}
      {change.isSuccess ? (
        <Text size="sm" role="status">
          Status change recorded.
        </Text>
      ) : null}
    </Group>
  );
}

export function AccountRoute() {
  const { id = '' } = useParams();
  const query = useAccount(id);
  if (query.isPending) return <Loading label="Loading the account…" />;
  if (query.error) return <ErrorAlert error={query.error} action="read accounts" onRetry={() => void query.refetch()} />;
  const account = query.data.account;
  if (!account) return <Empty>This account was not found (a new one appears within moments).</Empty>;

  return (
    <Page
      title={account.name}
      description={`${humanize(account.kind)} · ${humanize(account.status)}${account.canTakeOrders ? '' : ' · cannot take orders'}`}
      actions={
        <Authorization allowed="identity.write">
          <LinkButton to={`/accounts/${account.id}/edit`} variant="light">
            Edit details
          </LinkButton>
        </Authorization>
      }
    >
      <Card withBorder>
        <Grid>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Fact label="Trading name">{account.tradingName ?? '—'}</Fact>
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Fact label="Registration number">{account.registrationNumber ?? '—'}</Fact>
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Fact label="VAT number">{account.vatNumber ?? '—'}</Fact>
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Fact label="Tax reference">{account.taxReference ?? '—'}</Fact>
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Fact label="B-BBEE">
              {account.bbbee
                ? `${humanize(account.bbbee.level)}${account.bbbee.certificateExpiresOn ? `, certificate expires ${account.bbbee.certificateExpiresOn}` : ''}`
                : 'not certified'}
            </Fact>
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Fact label="Payment terms">
              {account.paymentTerms ? `${account.paymentTerms.days} days (${humanize(account.paymentTerms.basis)})` : '—'}
            </Fact>
          </Grid.Col>
          <Grid.Col span={12}>
            <Fact label="CIDB gradings">
              {account.cidbGradings.length === 0
                ? 'none'
                : account.cidbGradings.map((g) => (
                    <Badge key={g.designation} mr={4} variant="outline">
                      {g.designation}
                    </Badge>
                  ))}
            </Fact>
          </Grid.Col>
        </Grid>
      </Card>

      <Section title="Contacts">
        {account.contacts.length === 0 ? (
          <Text c="dimmed">No contacts.</Text>
        ) : (
          <Table striped aria-label="Contacts">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Job title</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>Phone</Table.Th>
                <Table.Th>Roles</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {account.contacts.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    {c.firstName} {c.lastName}
                  </Table.Td>
                  <Table.Td>{c.jobTitle ?? '—'}</Table.Td>
                  <Table.Td>{c.email ?? '—'}</Table.Td>
                  <Table.Td>{c.phone ?? '—'}</Table.Td>
                  <Table.Td>{c.roles.map(humanize).join(', ') || '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>

      <Section title="Addresses">
        {account.addresses.length === 0 ? (
          <Text c="dimmed">No addresses.</Text>
        ) : (
          <Grid>
            {account.addresses.map((a) => (
              <Grid.Col span={{ base: 12, sm: 4 }} key={a.type}>
                <Card withBorder>
                  <Text fw={600}>{humanize(a.type)}</Text>
                  {a.lines.map((line) => (
                    <Text size="sm" key={line}>
                      {line}
                    </Text>
                  ))}
                  <Text size="sm">
                    {a.city}, {humanize(a.province)}, {a.postalCode}
                  </Text>
                </Card>
              </Grid.Col>
            ))}
          </Grid>
        )}
      </Section>

      <Section title="Status history">
        {account.statusHistory.length === 0 ? (
          <Text c="dimmed">The status has never changed.</Text>
        ) : (
          <Table striped aria-label="Status history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>From</Table.Th>
                <Table.Th>To</Table.Th>
                <Table.Th>Reason</Table.Th>
                <Table.Th>By</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {account.statusHistory.map((s) => (
                <Table.Tr key={s.changedAt}>
                  <Table.Td>{formatDateTime(s.changedAt)}</Table.Td>
                  <Table.Td>{humanize(s.from)}</Table.Td>
                  <Table.Td>{humanize(s.to)}</Table.Td>
                  <Table.Td>{s.reason ?? '—'}</Table.Td>
                  <Table.Td>{s.changedBy ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Authorization allowed="identity.write">
          <StatusChanger id={account.id} current={account.status} />
        </Authorization>
      </Section>
    </Page>
  );
}
