// Inspections (`/compliance/inspections`, `compliance.inspections.read`), latest first:
// the area (a link to its checklist), site, project, date, inspector, status, passed /
// failed / N/A and **stopped**; **New inspection** for `compliance.inspections.write`
// (safety officers, administrators): the checklist's page follows once it can be read.

import { Badge, Button, Modal } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';

import { DataTable, type Column } from '@/components/ui/data-table';
import { AppLink } from '@/components/ui/link';
import { Page } from '@/components/ui/page';
import { Loading, QueryState } from '@/components/ui/query-state';
import { humanize } from '@/lib/format';
import { Authorization } from '@/lib/permissions/authorization';

import { useInspectionTemplates } from '../api/get-inspection-templates';
import { useInspections, type InspectionRow } from '../api/get-inspections';
import { useStartInspection } from '../api/start-inspection';
import { InspectionForm } from '../components/inspection-form';

const COLUMNS: Column<InspectionRow>[] = [
  { key: 'area', header: 'Area', cell: (r) => <AppLink to={`/compliance/inspections/${r.id}`}>{r.area}</AppLink> },
  { key: 'site', header: 'Site', cell: (r) => r.siteId },
  { key: 'project', header: 'Project', cell: (r) => r.projectId ?? '—' },
  { key: 'on', header: 'Inspected on', cell: (r) => r.inspectedOn },
  { key: 'inspector', header: 'Inspector', cell: (r) => r.inspector },
  { key: 'status', header: 'Status', cell: (r) => humanize(r.status) },
  { key: 'passed', header: 'Passed', numeric: true, cell: (r) => r.passed },
  { key: 'failed', header: 'Failed', numeric: true, cell: (r) => r.failed },
  { key: 'na', header: 'N/A', numeric: true, cell: (r) => r.notApplicable },
  {
    key: 'stopped',
    header: 'Work',
    cell: (r) =>
      r.stopped ? (
        <Badge color="red" variant="filled">
          Stopped
        </Badge>
      ) : (
        'Going on'
      ),
  },
];

function NewInspection() {
  const start = useStartInspection();
  const templates = useInspectionTemplates();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  return (
    <Authorization allowed="compliance.inspections.write">
      <Button
        onClick={() => {
          start.reset();
          setOpened(true);
        }}
      >
        New inspection
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title="New inspection">
        {opened ? (
          templates.data ? (
            <InspectionForm
              templates={templates.data.inspectionTemplates}
              submitting={start.isPending}
              error={start.error ?? templates.error}
              onCancel={() => setOpened(false)}
              onSubmit={(variables) =>
                start.mutate(variables, {
                  onSuccess: (id) => {
                    setOpened(false);
                    void navigate(`/compliance/inspections/${id}`);
                  },
                })
              }
            />
          ) : (
            <QueryState query={templates} action="read the checklists">
              {() => <Loading />}
            </QueryState>
          )
        ) : null}
      </Modal>
    </Authorization>
  );
}

export function InspectionsRoute() {
  const inspections = useInspections();
  return (
    <Page
      title="Inspections"
      description="Site safety inspections against the Construction Regulations 2014 checklists; a high-severity finding stops work in the area."
      actions={
        <>
          <AppLink to="/compliance/actions">Corrective actions</AppLink>
          <NewInspection />
        </>
      }
    >
      <QueryState query={inspections} action="read inspections" isEmpty={(d) => d.inspections.length === 0} empty="No inspections yet.">
        {(d) => (
          <DataTable
            label="Inspections"
            columns={COLUMNS}
            rows={d.inspections}
            rowKey={(r) => r.id}
            rowColor={(r) => (r.stopped ? 'red.0' : undefined)}
            minWidth={900}
          />
        )}
      </QueryState>
    </Page>
  );
}
