import { Badge, Table } from '@mantine/core';

import { Page } from '@/components/ui/page';
import { QueryState } from '@/components/ui/query-state';
import { humanize } from '@/lib/format';

import { useProjects } from '../api/get-projects';

export function ProjectsRoute() {
  const projects = useProjects();
  return (
    <Page title="Projects" description="Every project to those who read all of them; to site and project managers, the ones they are assigned to.">
      <QueryState query={projects} action="read projects" isEmpty={(d) => d.projects.length === 0} empty="No projects are assigned to you (an administrator assigns projects and sites under Users).">
        {(d) => (
          <Table striped aria-label="Projects">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Code</Table.Th>
                <Table.Th>Name</Table.Th>
                <Table.Th>Site</Table.Th>
                <Table.Th>Starts</Table.Th>
                <Table.Th>Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.projects.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{p.code}</Table.Td>
                  <Table.Td>{p.name}</Table.Td>
                  <Table.Td>
                    {p.siteName} ({p.siteId})
                  </Table.Td>
                  <Table.Td>{p.startsOn ?? '—'}</Table.Td>
                  <Table.Td>
                    <Badge variant="light">{humanize(p.status)}</Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
    </Page>
  );
}
