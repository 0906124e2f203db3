import { Modal } from '@mantine/core';
import { Button } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';

import { DataTable, type Column } from '@/components/ui/data-table';
import { AppLink } from '@/components/ui/link';
import { Money } from '@/components/ui/money';
import { Page } from '@/components/ui/page';
import { QueryState } from '@/components/ui/query-state';
import type { ProjectsQuery } from '@/gql/graphql';
import { Authorization } from '@/lib/permissions/authorization';

import { useCreateProject } from '../api/create-project';
import { useProjectOptions } from '../api/get-project-options';
import { useProjects } from '../api/get-projects';
import { ProjectForm } from '../components/project-form';
import { StatusBadge } from '../components/status';

type Row = ProjectsQuery['projects'][number];

const COLUMNS: Column<Row>[] = [
  { key: 'code', header: 'Code', cell: (p) => <AppLink to={`/projects/${encodeURIComponent(p.id)}`}>{p.code}</AppLink> },
  { key: 'name', header: 'Name', cell: (p) => p.name },
  { key: 'site', header: 'Site', cell: (p) => `${p.siteName} (${p.siteId})` },
  { key: 'status', header: 'Status', cell: (p) => <StatusBadge status={p.status} /> },
  { key: 'value', header: 'Contract value (varied)', numeric: true, cell: (p) => (p.figures ? <Money amount={p.figures.contractValue} /> : '—') },
  { key: 'claimed', header: 'Claimed to date', numeric: true, cell: (p) => (p.figures ? <Money amount={p.figures.claimedToDate} /> : '—') },
  { key: 'retention', header: 'Retention held', numeric: true, cell: (p) => (p.figures ? <Money amount={p.figures.retentionHeld} /> : '—') },
];

function NewProject() {
  const [opened, setOpened] = useState(false);
  const options = useProjectOptions(opened);
  const create = useCreateProject();
  const navigate = useNavigate();
  return (
    <>
      <Button onClick={() => setOpened(true)}>New project</Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title="New project" size="xl">
        <QueryState query={options} action="read customer accounts">
          {(d) => (
            <ProjectForm
              customers={d.accounts.nodes.map((a) => ({ value: a.id, label: a.name }))}
              submitting={create.isPending}
              error={create.error}
              onSubmit={(input) =>
                create.mutate(input, {
                  onSuccess: ({ createProject }) => {
                    setOpened(false);
                    void navigate(`/projects/${encodeURIComponent(createProject.id)}`);
                  },
                })
              }
            />
          )}
        </QueryState>
      </Modal>
    </>
  );
}

export function ProjectsRoute() {
  const projects = useProjects();
  return (
    <Page
      title="Projects"
      description="Every project to those who read all of them; to site and project managers, the ones they are assigned to. Amounts exclude VAT."
      actions={
        <Authorization allowed="orders.projects.write">
          <NewProject />
        </Authorization>
      }
    >
      <QueryState query={projects} action="read projects" isEmpty={(d) => d.projects.length === 0} empty="No projects are assigned to you (an administrator assigns projects and sites under Users).">
        {(d) => <DataTable label="Projects" columns={COLUMNS} rows={d.projects} rowKey={(p) => p.id} minWidth={1000} />}
      </QueryState>
    </Page>
  );
}
