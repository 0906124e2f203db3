// Corrective actions (`/compliance/actions`, `compliance.inspections.read`): open ones
// soonest due first, as the server sorts them — the finding (a link to its inspection),
// site and area, severity, owner, due, status, and **overdue** / who it was escalated to
// (site manager, then safety officer). **Show verified too** asks for every action.

import { Group, Switch } from '@mantine/core';
import { useSearchParams } from 'react-router';

import { DataTable, type Column } from '@/components/ui/data-table';
import { AppLink } from '@/components/ui/link';
import { Page } from '@/components/ui/page';
import { QueryState } from '@/components/ui/query-state';
import { formatDateTime, isoDate } from '@/lib/format';

import { useCorrectiveActions, type CorrectiveActionRow } from '../api/get-corrective-actions';
import { ActionStatusBadge, EscalationBadges, SeverityBadge, isOverdue } from '../components/labels';

export function actionColumns(today: string): Column<CorrectiveActionRow>[] {
  return [
    { key: 'item', header: 'Finding', cell: (r) => <AppLink to={`/compliance/inspections/${r.inspectionId}`}>{r.itemCode}</AppLink> },
    { key: 'where', header: 'Site / area', cell: (r) => `${r.siteId} · ${r.area}` },
    { key: 'severity', header: 'Severity', cell: (r) => <SeverityBadge severity={r.severity} /> },
    { key: 'owner', header: 'Owner', cell: (r) => r.owner },
    { key: 'due', header: 'Due', cell: (r) => r.due },
    { key: 'status', header: 'Status', cell: (r) => <ActionStatusBadge status={r.status} /> },
    {
      key: 'escalation',
      header: 'Escalation',
      cell: (r) =>
        isOverdue(r, today) || r.escalation ? (
          <Group gap={4} title={r.escalatedAt ? `Escalated ${formatDateTime(r.escalatedAt)}` : undefined}>
            <EscalationBadges action={r} today={today} />
          </Group>
        ) : (
          'On time'
        ),
    },
  ];
}

export function ActionsRoute() {
  const [params, setParams] = useSearchParams();
  const all = params.get('all') === '1';
  const actions = useCorrectiveActions(!all);
  const today = isoDate();
  return (
    <Page
      title="Corrective actions"
      description="Soonest due first. An overdue action is escalated to the site manager, then to the safety officer."
      actions={
        <Switch
          label="Show verified too"
          checked={all}
          onChange={(e) => setParams(e.currentTarget.checked ? { all: '1' } : {}, { replace: true })}
        />
      }
    >
      <QueryState query={actions} action="read corrective actions" isEmpty={(d) => d.correctiveActions.length === 0} empty="No open corrective actions.">
        {(d) => (
          <DataTable
            label="Corrective actions"
            columns={actionColumns(today)}
            rows={d.correctiveActions}
            rowKey={(r) => r.id}
            rowColor={(r) => (isOverdue(r, today) ? 'red.0' : undefined)}
          />
        )}
      </QueryState>
    </Page>
  );
}
