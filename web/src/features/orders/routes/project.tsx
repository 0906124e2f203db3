// A project's dashboard: its status and next statuses, the contract, the figures, and
// tabs for the work breakdown, the bill of quantities, variations and progress claims.

import { Group, Stack, Tabs, Text } from '@mantine/core';
import { useParams } from 'react-router';

import { AppLink } from '@/components/ui/link';
import { Page, Section } from '@/components/ui/page';
import { ErrorAlert, QueryState } from '@/components/ui/query-state';
import { Authorization } from '@/lib/permissions/authorization';

import { useProject, type ProjectDetail } from '../api/get-project';
import { BillOfQuantitiesTab } from '../components/bill-of-quantities';
import { ClaimsTab } from '../components/claims';
import { ContractCard } from '../components/contract-card';
import { ProjectFigures } from '../components/figures';
import { RetentionSection } from '../components/retention';
import { StatusActions } from '../components/status-actions';
import { StatusBadge } from '../components/status';
import { VariationsTab } from '../components/variations';
import { WorkBreakdownTab } from '../components/work-breakdown';

export function ProjectRoute() {
  const { id = '' } = useParams();
  const project = useProject(id);
  const p = project.data?.project;
  return (
    <Page
      title={p ? `${p.code} ${p.name}` : 'Project'}
      description={p ? `${p.siteName} (${p.siteId})${p.startsOn ? ` · starts ${p.startsOn}` : ''}` : undefined}
      actions={<AppLink to="/projects">All projects</AppLink>}
    >
      {p ? (
        <>
          {project.error ? (
            <ErrorAlert error={project.error} action="read this project" title="The project could not be refreshed" onRetry={() => void project.refetch()} />
          ) : null}
          <ProjectBody project={p} />
        </>
      ) : (
        <QueryState
          query={project}
          action="read this project"
          isEmpty={(d) => d.project === null}
          empty="This project was not found: it may not exist, it is not assigned to you, or it was opened a moment ago (it appears shortly)."
        >
          {() => null}
        </QueryState>
      )}
    </Page>
  );
}

/** The dashboard and tabs of a project that is there (kept on screen while it refreshes). */
function ProjectBody({ project }: { project: ProjectDetail }) {
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="center">
        <Group gap="xs">
          <Text fw={600}>Status</Text>
          <span aria-label="Project status">
            <StatusBadge status={project.status} />
          </span>
        </Group>
        <Authorization allowed="orders.projects.write">
          <StatusActions project={project} />
        </Authorization>
      </Group>
      <Section title="Contract">
        <ContractCard project={project} />
      </Section>
      {project.figures ? (
        <Section title="Figures (excl. VAT)">
          <ProjectFigures figures={project.figures} />
        </Section>
      ) : null}
      {project.retentionReleases.length > 0 || ['PRACTICAL_COMPLETION', 'FINAL_COMPLETION'].includes(project.status) ? (
        <Section title="Retention">
          <RetentionSection project={project} />
        </Section>
      ) : null}
      <Tabs defaultValue="work" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="work">Work breakdown</Tabs.Tab>
          <Tabs.Tab value="boq">Bill of quantities</Tabs.Tab>
          <Tabs.Tab value="variations">Variations</Tabs.Tab>
          <Tabs.Tab value="claims">Progress claims</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="work" pt="md">
          <WorkBreakdownTab project={project} />
        </Tabs.Panel>
        <Tabs.Panel value="boq" pt="md">
          <BillOfQuantitiesTab project={project} />
        </Tabs.Panel>
        <Tabs.Panel value="variations" pt="md">
          <VariationsTab project={project} />
        </Tabs.Panel>
        <Tabs.Panel value="claims" pt="md">
          <ClaimsTab project={project} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
