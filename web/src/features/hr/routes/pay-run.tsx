// A pay run (`/hr/pay-runs/:id`): status, frequency, period, pay date, totals and who
// calculated, approved and paid it; the actions its status and the caller's permissions
// allow — **Calculate** (again, until approved) and **Mark paid** for `hr.payroll.run`,
// **Approve** and **Reverse…** for `hr.payroll.approve` (the server refuses approval by
// whoever calculated it, in its words) —; the employees a calculation left out, and why;
// the payslips (each opens the printable payslip) with their totals; and the what-if.
// A run just opened is asked for again until it can be read (`api/get-pay-run.ts`).

import { Alert, Button, Group, List, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useParams } from 'react-router';

import { Money } from '@/components/ui/money';
import { AppLink } from '@/components/ui/link';
import { Page, Section } from '@/components/ui/page';
import { Empty, ErrorAlert, Loading, QueryState } from '@/components/ui/query-state';
import type { PayRunFieldsFragment } from '@/gql/graphql';
import { formatDateTime } from '@/lib/format';
import { usePermissions } from '@/lib/permissions/authorization';

import { useApprovePayRun } from '../api/approve-pay-run';
import { useCalculatePayRun } from '../api/calculate-pay-run';
import { payRunKey, usePayRun } from '../api/get-pay-run';
import { usePayslips } from '../api/get-payslips';
import { useMarkPayRunPaid } from '../api/mark-pay-run-paid';
import { useReversePayRun } from '../api/reverse-pay-run';
import { frequencyLabel } from '../components/labels';
import { payRunName } from '../components/pay-run-columns';
import { PayslipsTable } from '../components/payslips-table';
import { ReasonModal } from '../components/reason-modal';
import { StatusBadge } from '../components/status-badge';
import { WhatIfPanel } from '../components/what-if-panel';

function Details({ run: r }: { run: PayRunFieldsFragment }) {
  const rows: [string, ReactNode][] = [
    ['Status', <StatusBadge key="s" status={r.status} />],
    ['Frequency', frequencyLabel(r.frequency)],
    ['Period', `${r.periodStart} – ${r.periodEnd}`],
    ['Pay date', r.payDate],
    ['Employees', r.employees],
    ['Gross', <Money key="g" amount={r.gross} />],
    ['PAYE', <Money key="p" amount={r.paye} />],
    ['UIF (employee)', <Money key="ue" amount={r.uifEmployee} />],
    ['UIF (employer)', <Money key="ur" amount={r.uifEmployer} />],
    ['SDL', <Money key="sd" amount={r.sdl} />],
    ['Net pay', <Money key="n" amount={r.net} />],
    ['Calculated by', r.calculatedBy ?? '—'],
    ['Approved by', r.approvedBy ?? '—'],
    ['Paid on', r.paidOn ?? '—'],
    ...(r.reverseReason ? ([['Reversed because', r.reverseReason]] as [string, ReactNode][]) : []),
    ['Updated', formatDateTime(r.updatedAt)],
  ];
  return (
    <Table aria-label="Pay run details" w="auto" withRowBorders={false} verticalSpacing={4}>
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th scope="row" w={180}>
              {label}
            </Table.Th>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Actions({ run, onCalculated }: { run: PayRunFieldsFragment; onCalculated: (skipped: string[], payslips: number) => void }) {
  const { can } = usePermissions();
  const calculate = useCalculatePayRun(run);
  const approve = useApprovePayRun(run.id);
  const markPaid = useMarkPayRunPaid(run.id);
  const reverse = useReversePayRun(run.id);
  const [asking, setAsking] = useState<'paid' | 'reverse' | null>(null);
  const status = run.status;
  const error = calculate.error ?? approve.error;
  return (
    <Stack gap="xs" align="flex-end">
      <Group gap="sm">
        {can('hr.payroll.run') && (status === 'DRAFT' || status === 'CALCULATED') ? (
          <Button
            loading={calculate.isPending}
            variant={status === 'DRAFT' ? 'filled' : 'light'}
            onClick={() => {
              approve.reset();
              calculate.mutate(undefined, { onSuccess: (done) => onCalculated(done.skipped, done.payslips) });
            }}
          >
            {status === 'DRAFT' ? 'Calculate' : 'Calculate again'}
          </Button>
        ) : null}
        {can('hr.payroll.approve') && status === 'CALCULATED' ? (
          <Button
            color="green"
            loading={approve.isPending}
            onClick={() => {
              calculate.reset();
              approve.mutate();
            }}
          >
            Approve
          </Button>
        ) : null}
        {can('hr.payroll.run') && status === 'APPROVED' ? (
          <Button
            color="teal"
            onClick={() => {
              markPaid.reset();
              setAsking('paid');
            }}
          >
            Mark paid
          </Button>
        ) : null}
        {can('hr.payroll.approve') && (status === 'APPROVED' || status === 'PAID') ? (
          <Button
            color="red"
            variant="light"
            onClick={() => {
              reverse.reset();
              setAsking('reverse');
            }}
          >
            Reverse…
          </Button>
        ) : null}
      </Group>
      {error ? <ErrorAlert error={error} action="run payroll" title={calculate.error ? 'The run was not calculated' : 'The run was not approved'} /> : null}
      {asking === 'paid' ? (
        <ReasonModal
          opened
          title="Mark paid"
          fieldLabel="Paid on"
          fieldType="date"
          initial={run.payDate}
          confirmLabel="Mark paid"
          action="mark pay runs paid"
          pending={markPaid.isPending}
          error={markPaid.error}
          onClose={() => setAsking(null)}
          onConfirm={(on) => markPaid.mutate(on, { onSuccess: () => setAsking(null) })}
        >
          <Text size="sm">
            Net pay of <Money amount={run.net} /> paid to {run.employees} employees.
          </Text>
        </ReasonModal>
      ) : null}
      {asking === 'reverse' ? (
        <ReasonModal
          opened
          title="Reverse pay run"
          confirmLabel="Reverse"
          action="reverse pay runs"
          pending={reverse.isPending}
          error={reverse.error}
          onClose={() => setAsking(null)}
          onConfirm={(reason) => reverse.mutate(reason, { onSuccess: () => setAsking(null) })}
        >
          <Text size="sm">Finance posts the mirror of the run’s payroll journal.</Text>
        </ReasonModal>
      ) : null}
    </Stack>
  );
}

function PayRun({ run }: { run: PayRunFieldsFragment }) {
  const payslips = usePayslips({ payRunId: run.id, employeeId: null });
  const [calculated, setCalculated] = useState<{ skipped: string[]; payslips: number } | null>(null);
  const hasPayslips = (payslips.data?.payslips.length ?? 0) > 0;
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <Details run={run} />
        <Actions run={run} onCalculated={(skipped, count) => setCalculated({ skipped, payslips: count })} />
      </Group>
      {calculated ? (
        <Alert color={calculated.skipped.length > 0 ? 'yellow' : 'green'} title={`Calculated: ${calculated.payslips} payslip${calculated.payslips === 1 ? '' : 's'}`} role="status">
          {calculated.skipped.length > 0 ? (
            <Stack gap={4}>
              <Text size="sm">Left out of the calculation:</Text>
              <List size="sm" aria-label="Skipped employees">
                {calculated.skipped.map((s) => (
                  <List.Item key={s}>{s}</List.Item>
                ))}
              </List>
            </Stack>
          ) : (
            <Text size="sm">Nobody was left out.</Text>
          )}
        </Alert>
      ) : null}
      <Section title="Payslips">
        <QueryState query={payslips} action="read payslips" isEmpty={(d) => d.payslips.length === 0} empty={run.status === 'DRAFT' ? 'Not calculated yet.' : 'No payslips.'}>
          {(d) => <PayslipsTable payslips={d.payslips} />}
        </QueryState>
      </Section>
      {hasPayslips && payslips.data ? (
        <Section title="What if">
          <WhatIfPanel key={run.updatedAt} runId={run.id} payslips={payslips.data.payslips} />
        </Section>
      ) : null}
    </Stack>
  );
}

export function PayRunRoute() {
  const { id = '' } = useParams();
  const run = usePayRun(id);
  const queryClient = useQueryClient();
  const r = run.data?.payRun;
  return (
    <Page title={r ? `Pay run ${payRunName(r)}` : 'Pay run'} description={r ? `Pay date ${r.payDate}` : undefined} actions={<AppLink to="/hr/pay-runs">All pay runs</AppLink>}>
      <QueryState query={run} action="read pay runs">
        {(d) =>
          d.payRun ? (
            <PayRun run={d.payRun} />
          ) : (queryClient.getQueryState(payRunKey(id))?.dataUpdateCount ?? 0) < 60 ? (
            <Loading label="Waiting for the pay run…" />
          ) : (
            <Empty>No such pay run.</Empty>
          )
        }
      </QueryState>
    </Page>
  );
}
