// Users and their project and site assignments; administrators change assignments.

import { Button, Group, Stack, Table, TextInput } from '@mantine/core';
import { useState } from 'react';

import { Page } from '@/components/ui/page';
import { ErrorAlert, QueryState } from '@/components/ui/query-state';
import { formatDateTime } from '@/lib/format';
import { Authorization } from '@/lib/permissions/authorization';

import { useAssignUser } from '../api/assign-user';
import { useUsers } from '../api/get-users';

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function Assign({ id, name, projects, sites }: { id: string; name: string; projects: string[]; sites: string[] }) {
  const [p, setP] = useState(projects.join(', '));
  const [s, setS] = useState(sites.join(', '));
  const assign = useAssignUser();
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="nowrap" align="flex-end">
        <TextInput size="xs" label={`Projects of ${name}`} description="ids, comma-separated" value={p} onChange={(e) => setP(e.currentTarget.value)} />
        <TextInput size="xs" label={`Sites of ${name}`} description="e.g. SITE-PTA-01" value={s} onChange={(e) => setS(e.currentTarget.value)} />
        <Button size="xs" loading={assign.isPending} onClick={() => assign.mutate({ id, projects: list(p), sites: list(s) })}>
          Save assignments
        </Button>
      </Group>
      {assign.error ? <ErrorAlert error={assign.error} action="assign users" /> : null}
    </Stack>
  );
}

export function UsersRoute() {
  const users = useUsers();
  return (
    <Page title="Users" description="Everyone who has signed in, with the projects and sites they are assigned to.">
      <QueryState query={users} action="read users" isEmpty={(d) => d.users.length === 0} empty="Nobody has signed in yet.">
        {(data) => (
          <Table.ScrollContainer minWidth={900}>
            <Table striped aria-label="Users">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Subject</Table.Th>
                  <Table.Th>Employee / contact</Table.Th>
                  <Table.Th>Assignments</Table.Th>
                  <Table.Th>Last seen</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.users.map((user) => (
                  <Table.Tr key={user.id}>
                    <Table.Td>{user.name ?? user.username ?? '—'}</Table.Td>
                    <Table.Td>{user.subject}</Table.Td>
                    <Table.Td>{user.employeeId ?? user.contactId ?? '—'}</Table.Td>
                    <Table.Td>
                      <Authorization
                        allowed="identity.users.admin"
                        fallback={`${user.projects.join(', ') || 'no projects'}; ${user.sites.join(', ') || 'no sites'}`}
                      >
                        <Assign id={user.id} name={user.name ?? user.subject} projects={user.projects} sites={user.sites} />
                      </Authorization>
                    </Table.Td>
                    <Table.Td>{formatDateTime(user.updatedAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
    </Page>
  );
}
