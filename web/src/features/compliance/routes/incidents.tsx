// Incidents (`/compliance/incidents`, `compliance.inspections.read`): the per-project
// rates (`incidentRates`: incidents, lost-time injuries, days lost, hours worked from
// HR's approved timesheets, LTIFR per 1 000 000 hours), then the incidents latest first
// (kind, project, when, what, days lost, reported by, status, root cause, closed on);
// **Report incident** for `compliance.incidents.write`; **Investigate** (a reported one)
// and **Close** (an investigated one) for `compliance.inspections.write`.

import { Badge, Button, Group, Modal } from '@mantine/core';
import { useState } from 'react';

import { DataTable, type Column } from '@/components/ui/data-table';
import { Page, Section } from '@/components/ui/page';
import { ErrorAlert, QueryState } from '@/components/ui/query-state';
import { humanize, isoDate } from '@/lib/format';
import { Authorization } from '@/lib/permissions/authorization';

import { useCloseIncident } from '../api/close-incident';
import { useIncidentRates, type IncidentRateRow } from '../api/get-incident-rates';
import { useIncidents, type IncidentRow } from '../api/get-incidents';
import { useInvestigateIncident } from '../api/investigate-incident';
import { useReportIncident } from '../api/report-incident';
import { InvestigateModal, ReportIncidentForm } from '../components/incident-forms';

const RATE_COLUMNS: Column<IncidentRateRow>[] = [
  { key: 'project', header: 'Project', cell: (r) => r.projectId },
  { key: 'incidents', header: 'Incidents', numeric: true, cell: (r) => r.incidents },
  { key: 'lti', header: 'Lost-time injuries', numeric: true, cell: (r) => r.lostTimeInjuries },
  { key: 'days', header: 'Days lost', numeric: true, cell: (r) => r.daysLost },
  { key: 'hours', header: 'Hours worked', numeric: true, cell: (r) => r.hoursWorked },
  { key: 'ltifr', header: 'LTIFR', numeric: true, cell: (r) => r.ltifr ?? '—' },
];

function IncidentActions({ incident }: { incident: IncidentRow }) {
  const investigate = useInvestigateIncident();
  const close = useCloseIncident();
  const [opened, setOpened] = useState(false);
  return (
    <Authorization allowed="compliance.inspections.write">
      <Group gap={4}>
        {incident.status === 'REPORTED' ? (
          <Button
            size="xs"
            variant="light"
            onClick={() => {
              investigate.reset();
              setOpened(true);
            }}
          >
            Investigate
          </Button>
        ) : null}
        {incident.status === 'INVESTIGATED' ? (
          <Button size="xs" variant="light" loading={close.isPending} onClick={() => close.mutate({ id: incident.id, on: isoDate() })}>
            Close
          </Button>
        ) : null}
      </Group>
      {close.error ? <ErrorAlert error={close.error} action="close incidents" title="Not closed" /> : null}
      {opened ? (
        <InvestigateModal
          opened={opened}
          onClose={() => setOpened(false)}
          pending={investigate.isPending}
          error={investigate.error}
          onSubmit={(value) => investigate.mutate({ id: incident.id, ...value }, { onSuccess: () => setOpened(false) })}
        />
      ) : null}
    </Authorization>
  );
}

const COLUMNS: Column<IncidentRow>[] = [
  { key: 'kind', header: 'Kind', cell: (r) => (r.kind ? <Badge color={r.kind === 'LOST_TIME_INJURY' ? 'red' : 'gray'} variant="light">{humanize(r.kind)}</Badge> : '—') },
  { key: 'project', header: 'Project', cell: (r) => r.projectId },
  { key: 'on', header: 'Occurred', cell: (r) => r.occurredOn },
  { key: 'what', header: 'What happened', cell: (r) => r.description },
  { key: 'days', header: 'Days lost', numeric: true, cell: (r) => r.daysLost },
  { key: 'by', header: 'Reported by', cell: (r) => r.reportedBy },
  { key: 'status', header: 'Status', cell: (r) => humanize(r.status) },
  { key: 'cause', header: 'Root cause', cell: (r) => r.rootCause ?? '—' },
  { key: 'closed', header: 'Closed', cell: (r) => r.closedOn ?? '—' },
  { key: 'do', header: '', cell: (r) => <IncidentActions incident={r} /> },
];

function ReportIncident() {
  const report = useReportIncident();
  const [opened, setOpened] = useState(false);
  return (
    <Authorization allowed="compliance.incidents.write">
      <Button
        onClick={() => {
          report.reset();
          setOpened(true);
        }}
      >
        Report incident
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title="Report incident">
        {opened ? (
          <ReportIncidentForm
            submitting={report.isPending}
            error={report.error}
            onCancel={() => setOpened(false)}
            onSubmit={(variables) => report.mutate(variables, { onSuccess: () => setOpened(false) })}
          />
        ) : null}
      </Modal>
    </Authorization>
  );
}

export function IncidentsRoute() {
  const incidents = useIncidents();
  const rates = useIncidentRates();
  return (
    <Page title="Incidents" description="Near misses, first aid, lost-time injuries and property damage, reported, investigated and closed." actions={<ReportIncident />}>
      <Section title="Lost-time injury frequency rate">
        <QueryState query={rates} action="read incident rates" isEmpty={(d) => d.incidentRates.length === 0} empty="No incidents on any project yet.">
          {(d) => <DataTable label="Incident rates" columns={RATE_COLUMNS} rows={d.incidentRates} rowKey={(r) => r.projectId} minWidth={600} />}
        </QueryState>
      </Section>
      <Section title="Incidents">
        <QueryState query={incidents} action="read incidents" isEmpty={(d) => d.incidents.length === 0} empty="No incidents reported.">
          {(d) => <DataTable label="Incidents" columns={COLUMNS} rows={d.incidents} rowKey={(r) => r.id} minWidth={1000} />}
        </QueryState>
      </Section>
    </Page>
  );
}
