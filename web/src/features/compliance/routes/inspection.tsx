// The inspection checklist (`/compliance/inspections/:id`), made for a phone: the
// inspection's details, a banner while the area is stopped, the progress (answered of
// total), then each section's items (`components/checklist-item.tsx`: Pass / Fail / N/A,
// a failure's note, severity and photo), **Complete inspection**; the findings with
// **Raise action** (owner, due) for safety officers (`compliance.inspections.write`) and
// the corrective actions with evidence and verification (`components/action-card.tsx`).
// Every refusal in the server's words.

import { Alert, Badge, Button, Card, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useParams } from 'react-router';

import { AppLink } from '@/components/ui/link';
import { Page, Section } from '@/components/ui/page';
import { ErrorAlert, Loading, QueryState } from '@/components/ui/query-state';
import { usePermissions } from '@/lib/permissions/authorization';

import { useCompleteInspection } from '../api/complete-inspection';
import { useInspection, type InspectionDetail, type InspectionItemResult } from '../api/get-inspection';
import { useInspectionTemplates, type ChecklistEntry, type InspectionTemplate } from '../api/get-inspection-templates';
import { useRaiseCorrectiveAction } from '../api/raise-corrective-action';
import { useRecordInspectionItem } from '../api/record-inspection-item';
import { ActionCard } from '../components/action-card';
import { RaiseActionModal } from '../components/action-forms';
import { ChecklistItem } from '../components/checklist-item';
import { SeverityBadge } from '../components/labels';

function Item({ inspectionId, entry, recorded, readOnly }: { inspectionId: string; entry: ChecklistEntry; recorded?: InspectionItemResult; readOnly: boolean }) {
  const record = useRecordInspectionItem(inspectionId);
  return (
    <ChecklistItem
      entry={entry}
      recorded={recorded}
      readOnly={readOnly}
      pending={record.isPending}
      error={record.error}
      onSend={(answer) => record.mutate(answer)}
    />
  );
}

function Finding({ inspection, item, entry }: { inspection: InspectionDetail; item: InspectionItemResult; entry?: ChecklistEntry }) {
  const { can } = usePermissions();
  const raise = useRaiseCorrectiveAction(inspection.id);
  const [opened, setOpened] = useState(false);
  const actions = inspection.actions.filter((a) => a.itemCode === item.itemCode);
  return (
    <Card withBorder padding="sm" component="article" aria-label={`Finding ${item.itemCode}`}>
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap">
          <Text fw={600}>{item.itemCode}</Text>
          <SeverityBadge severity={item.severity} />
          <Text size="sm" c="dimmed">
            {actions.length === 1 ? '1 action' : `${actions.length} actions`}
          </Text>
        </Group>
        {entry ? (
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {entry.text}
          </Text>
        ) : null}
        <Text size="sm">{item.note}</Text>
        {item.photos.length > 0 ? (
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            Photos: {item.photos.join(', ')}
          </Text>
        ) : null}
        {/* Only a safety officer (or an administrator) raises actions. */}
        {can('compliance.inspections.write') ? (
          <Button
            size="md"
            fullWidth
            variant="light"
            onClick={() => {
              raise.reset();
              setOpened(true);
            }}
          >
            Raise action
          </Button>
        ) : null}
      </Stack>
      {opened ? (
        <RaiseActionModal
          itemCode={item.itemCode}
          opened={opened}
          onClose={() => setOpened(false)}
          pending={raise.isPending}
          error={raise.error}
          onSubmit={(variables) => raise.mutate(variables, { onSuccess: () => setOpened(false) })}
        />
      ) : null}
    </Card>
  );
}

export function InspectionView({ inspection, template }: { inspection: InspectionDetail; template?: InspectionTemplate }) {
  const { can } = usePermissions();
  const complete = useCompleteInspection(inspection.id);
  const byCode = new Map(inspection.items.map((i) => [i.itemCode, i]));
  const entries = template?.sections.flatMap((s) => s.items) ?? [];
  const entryOf = new Map(entries.map((e) => [e.code, e]));
  const total = entries.length || inspection.items.length;
  const answered = inspection.items.filter((i) => i.result && (entries.length === 0 || entryOf.has(i.itemCode))).length;
  const completed = inspection.status === 'COMPLETED';
  const readOnly = completed || !can('compliance.inspections.write');
  const findings = inspection.items.filter((i) => i.result === 'FAIL');
  const left = total - answered;

  return (
    <Stack gap="md">
      <Stack gap={2}>
        <Group gap="xs">
          <Badge variant="light" color={completed ? 'green' : 'blue'} size="lg">
            {completed ? 'Completed' : 'In progress'}
          </Badge>
        </Group>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {template?.name ?? inspection.template} · site {inspection.siteId}
          {inspection.projectId ? ` · project ${inspection.projectId}` : ''}
        </Text>
        <Text size="sm" c="dimmed">
          {inspection.inspectedOn} · inspector {inspection.inspector}
        </Text>
      </Stack>
      {inspection.stopped ? (
        <Alert color="red" variant="filled" title="Work in this area is stopped" aria-label="Area stopped">
          A high-severity finding stops work in {inspection.area} until its corrective actions are verified.
        </Alert>
      ) : null}
      <Stack gap={4}>
        <Text size="sm" fw={600} id="inspection-progress">
          {answered} of {total} answered
        </Text>
        <Progress value={total === 0 ? 0 : (answered * 100) / total} size="lg" aria-labelledby="inspection-progress" color={left === 0 ? 'green' : 'blue'} />
      </Stack>
      {template ? (
        template.sections.map((section) => (
          <Stack gap="xs" key={section.title} component="section" aria-label={section.title}>
            <Title order={2} size="h4">
              {section.title}
            </Title>
            {section.items.map((entry) => (
              <Item key={entry.code} inspectionId={inspection.id} entry={entry} recorded={byCode.get(entry.code)} readOnly={readOnly} />
            ))}
          </Stack>
        ))
      ) : (
        <Alert color="yellow">The checklist {inspection.template} could not be read; its items cannot be answered here.</Alert>
      )}
      {!completed && can('compliance.inspections.write') ? (
        <Stack gap="xs">
          {left > 0 ? (
            <Text size="sm" c="dimmed">
              Answer every item first ({left} left).
            </Text>
          ) : null}
          <Button size="lg" fullWidth disabled={left > 0} loading={complete.isPending} onClick={() => complete.mutate()}>
            Complete inspection
          </Button>
          {complete.error ? <ErrorAlert error={complete.error} action="complete inspections" title="Not completed" /> : null}
        </Stack>
      ) : null}
      {completed ? (
        <Text size="sm">
          {inspection.passed} passed · {inspection.failed} failed · {inspection.notApplicable} not applicable
        </Text>
      ) : null}
      <Section title="Findings">
        {findings.length === 0 ? (
          <Text size="sm" c="dimmed">
            No findings.
          </Text>
        ) : (
          findings.map((item) => <Finding key={item.itemCode} inspection={inspection} item={item} entry={entryOf.get(item.itemCode)} />)
        )}
      </Section>
      <Section title="Corrective actions">
        {inspection.actions.length === 0 ? (
          <Text size="sm" c="dimmed">
            No corrective actions yet.
          </Text>
        ) : (
          inspection.actions.map((action) => <ActionCard key={action.id} action={action} inspectionId={inspection.id} />)
        )}
      </Section>
    </Stack>
  );
}

export function InspectionRoute() {
  const { id = '' } = useParams();
  const inspection = useInspection(id);
  const templates = useInspectionTemplates();
  const title = inspection.data?.inspection ? `Inspection: ${inspection.data.inspection.area}` : 'Inspection';
  return (
    <Page title={title} actions={<AppLink to="/compliance/inspections">All inspections</AppLink>}>
      <QueryState query={inspection} action="read inspections">
        {(d) => {
          if (!d.inspection) return <Loading label="Waiting for the inspection to be recorded…" />;
          if (templates.isPending) return <Loading label="Loading the checklist…" />;
          const template = templates.data?.inspectionTemplates.find((t) => t.code === d.inspection?.template);
          return <InspectionView inspection={d.inspection} template={template} />;
        }}
      </QueryState>
    </Page>
  );
}
