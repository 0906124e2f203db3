// Accounts: search by name, filter by kind and status, page through with cursors.

import { Badge, Button, Group, NativeSelect, Table, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';

import { AppLink, LinkButton } from '@/components/ui/link';
import { Page } from '@/components/ui/page';
import { QueryState } from '@/components/ui/query-state';
import { humanize } from '@/lib/format';
import { Authorization } from '@/lib/permissions/authorization';
import type { AccountKind, AccountStatus } from '@/gql/graphql';

import { useAccounts } from '../api/get-accounts';

const PAGE_SIZE = 20;

export function AccountsRoute() {
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<AccountKind | ''>('');
  const [status, setStatus] = useState<AccountStatus | ''>('');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const after = cursors[cursors.length - 1] ?? null;
  const accounts = useAccounts({
    first: PAGE_SIZE,
    after,
    nameContains: debounced || null,
    kind: kind || null,
    status: status || null,
  });
  const resetPaging = () => setCursors([null]);

  return (
    <Page
      title="Accounts"
      description="Customers, vendors and subcontractors."
      actions={
        <Authorization allowed="identity.write">
          <LinkButton to="/accounts/new">New account</LinkButton>
        </Authorization>
      }
    >
      <Group align="flex-end">
        <TextInput
          label="Search by name"
          type="search"
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            resetPaging();
          }}
          w={280}
        />
        <NativeSelect
          label="Kind"
          value={kind}
          onChange={(e) => {
            setKind(e.currentTarget.value as AccountKind | '');
            resetPaging();
          }}
          data={[
            { value: '', label: 'Every kind' },
            { value: 'CUSTOMER', label: 'Customers' },
            { value: 'VENDOR', label: 'Vendors' },
            { value: 'SUBCONTRACTOR', label: 'Subcontractors' },
          ]}
        />
        <NativeSelect
          label="Status"
          value={status}
          onChange={(e) => {
            setStatus(e.currentTarget.value as AccountStatus | '');
            resetPaging();
          }}
          data={[
            { value: '', label: 'Every status' },
            { value: 'ACTIVE', label: 'Active' },
            { value: 'ON_HOLD', label: 'On hold' },
            { value: 'ARCHIVED', label: 'Archived' },
          ]}
        />
      </Group>
      <QueryState query={accounts} action="read accounts" isEmpty={(d) => d.accounts.nodes.length === 0} empty="No accounts match.">
        {({ accounts: page }) => (
          <>
            <Table striped highlightOnHover aria-label="Accounts">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Kind</Table.Th>
                  <Table.Th>VAT number</Table.Th>
                  <Table.Th>Status</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.nodes.map((account) => (
                  <Table.Tr key={account.id}>
                    <Table.Td>
                      <AppLink to={`/accounts/${account.id}`}>{account.name}</AppLink>
                      {account.tradingName ? ` (t/a ${account.tradingName})` : ''}
                    </Table.Td>
                    <Table.Td>{humanize(account.kind)}</Table.Td>
                    <Table.Td>{account.vatNumber ?? '—'}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={account.status === 'ACTIVE' ? 'green' : account.status === 'ON_HOLD' ? 'orange' : 'gray'}>
                        {humanize(account.status)}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Group justify="space-between">
              <Button variant="default" disabled={cursors.length === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
                Previous page
              </Button>
              <Button
                variant="default"
                disabled={!page.pageInfo.hasNextPage}
                onClick={() => setCursors((c) => [...c, page.pageInfo.endCursor ?? null])}
              >
                Next page
              </Button>
            </Group>
          </>
        )}
      </QueryState>
    </Page>
  );
}
