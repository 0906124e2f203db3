// Compliance's words and colours: results, severities, action and escalation states,
// ticket statuses and priorities.

import { Badge } from '@mantine/core';

import type { ActionStatus, EscalationLevel, ItemResult, Severity, TicketPriority, TicketStatus } from '@/gql/graphql';
import { humanize } from '@/lib/format';

export const RESULT_LABEL: Record<ItemResult, string> = { PASS: 'Passed', FAIL: 'Failed', NOT_APPLICABLE: 'Not applicable' };
const RESULT_COLOR: Record<ItemResult, string> = { PASS: 'green', FAIL: 'red', NOT_APPLICABLE: 'gray' };

export const SEVERITIES: readonly Severity[] = ['LOW', 'MEDIUM', 'HIGH'];
const SEVERITY_COLOR: Record<Severity, string> = { LOW: 'yellow', MEDIUM: 'orange', HIGH: 'red' };

const ACTION_COLOR: Record<ActionStatus, string> = { OPEN: 'blue', EVIDENCE_SUBMITTED: 'yellow', VERIFIED: 'green' };

export const ESCALATION_LABEL: Record<EscalationLevel, string> = {
  SITE_MANAGER: 'Escalated to site manager',
  SAFETY_OFFICER: 'Escalated to safety officer',
};

const TICKET_COLOR: Record<TicketStatus, string> = { NEW: 'blue', OPEN: 'cyan', PENDING: 'yellow', RESOLVED: 'green', CLOSED: 'gray' };
const PRIORITY_COLOR: Record<TicketPriority, string> = { URGENT: 'red', HIGH: 'orange', NORMAL: 'blue', LOW: 'gray' };

export function ResultBadge({ result, severity }: { result: ItemResult | null | undefined; severity?: Severity | null }) {
  if (!result) return null;
  return (
    <Badge color={RESULT_COLOR[result]} variant="light" size="lg">
      {RESULT_LABEL[result]}
      {result === 'FAIL' && severity ? ` · ${humanize(severity)}` : ''}
    </Badge>
  );
}

export function SeverityBadge({ severity }: { severity: Severity | null | undefined }) {
  if (!severity) return <>—</>;
  return (
    <Badge color={SEVERITY_COLOR[severity]} variant="filled">
      {humanize(severity)}
    </Badge>
  );
}

export function ActionStatusBadge({ status }: { status: ActionStatus | null | undefined }) {
  if (!status) return <>—</>;
  return (
    <Badge color={ACTION_COLOR[status]} variant="light">
      {humanize(status)}
    </Badge>
  );
}

/** Whether an action not yet verified is past its due date (`today`: `YYYY-MM-DD`). */
export function isOverdue(action: { due: string; status?: ActionStatus | null }, today: string): boolean {
  return action.status !== 'VERIFIED' && action.due < today;
}

/** Overdue, and who it was escalated to. */
export function EscalationBadges({ action, today }: { action: { due: string; status?: ActionStatus | null; escalation?: EscalationLevel | null }; today: string }) {
  return (
    <>
      {isOverdue(action, today) ? (
        <Badge color="red" variant="filled">
          Overdue
        </Badge>
      ) : null}
      {action.escalation ? (
        <Badge color={action.escalation === 'SAFETY_OFFICER' ? 'red' : 'orange'} variant="light">
          {ESCALATION_LABEL[action.escalation]}
        </Badge>
      ) : null}
    </>
  );
}

export function TicketStatusBadge({ status }: { status: TicketStatus | null | undefined }) {
  if (!status) return <>—</>;
  return (
    <Badge color={TICKET_COLOR[status]} variant="light">
      {humanize(status)}
    </Badge>
  );
}

export function PriorityBadge({ priority }: { priority: TicketPriority | null | undefined }) {
  if (!priority) return <>—</>;
  return (
    <Badge color={PRIORITY_COLOR[priority]} variant="outline">
      {humanize(priority)}
    </Badge>
  );
}
