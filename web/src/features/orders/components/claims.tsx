// The progress claims tab: every claim with its lines on expand, "New claim" for those
// who may submit, approve / reject for those who may approve, and a link to the tax
// invoice an approval raises in finance.

import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';

import { DataTable, type Column } from '@/components/ui/data-table';
import { AppLink } from '@/components/ui/link';
import { Money, NumberTh } from '@/components/ui/money';
import { Empty } from '@/components/ui/query-state';
import { Authorization } from '@/lib/permissions/authorization';

import type { ClaimRow, ProjectDetail } from '../api/get-project';
import { useApproveProgressClaim, useRejectProgressClaim, useSubmitProgressClaim } from '../api/progress-claims';
import { ClaimForm } from './claim-form';
import { ReasonModal } from './reason-modal';
import { StatusBadge } from './status';

function ClaimLines({ claim }: { claim: ClaimRow }) {
  return (
    <Table aria-label={`Lines of ${claim.claimNumber}`} withTableBorder>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Item</Table.Th>
          <Table.Th>Description</Table.Th>
          <NumberTh>Percent to date</NumberTh>
          <NumberTh>Value to date</NumberTh>
          <NumberTh>Previously claimed</NumberTh>
          <NumberTh>This claim</NumberTh>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {claim.lines.map((l) => (
          <Table.Tr key={l.item}>
            <Table.Td>{l.item}</Table.Td>
            <Table.Td>{l.description}</Table.Td>
            <Table.Td ta="right">{l.percentToDate}%</Table.Td>
            <Table.Td ta="right">
              <Money amount={l.valueToDate} />
            </Table.Td>
            <Table.Td ta="right">
              <Money amount={l.previouslyClaimed} />
            </Table.Td>
            <Table.Td ta="right">
              <Money amount={l.amount} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Decide({ project, claim }: { project: ProjectDetail; claim: ClaimRow }) {
  const approve = useApproveProgressClaim(project.id);
  const reject = useRejectProgressClaim(project.id);
  const [rejecting, setRejecting] = useState(false);
  return (
    <Group gap="xs" wrap="nowrap">
      <Button size="xs" loading={approve.isPending} onClick={() => approve.mutate(claim.claimId)} aria-label={`Approve ${claim.claimNumber}`}>
        Approve
      </Button>
      <Button size="xs" variant="light" color="red" onClick={() => setRejecting(true)} aria-label={`Reject ${claim.claimNumber}`}>
        Reject
      </Button>
      {approve.error ? (
        <Text size="xs" c="red" role="alert">
          {approve.error instanceof Error ? approve.error.message : 'Not approved'}
        </Text>
      ) : null}
      <ReasonModal
        title={`Reject ${claim.claimNumber}`}
        opened={rejecting}
        onClose={() => setRejecting(false)}
        confirmLabel="Reject claim"
        action="reject progress claims"
        pending={reject.isPending}
        error={reject.error}
        onConfirm={(reason) => reject.mutate({ claimId: claim.claimId, reason }, { onSuccess: () => setRejecting(false) })}
      />
    </Group>
  );
}

export function ClaimsTab({ project }: { project: ProjectDetail }) {
  const [open, setOpen] = useState<Record<string, boolean>>({});
  const [creating, setCreating] = useState(false);
  const submit = useSubmitProgressClaim(project.id);
  const awaiting = project.claims.some((c) => c.status === 'SUBMITTED');

  const columns: Column<ClaimRow>[] = [
    {
      key: 'number',
      header: 'Number',
      cell: (c) => (
        <Button
          variant="subtle"
          size="compact-sm"
          aria-expanded={open[c.claimId] ?? false}
          onClick={() => setOpen((o) => ({ ...o, [c.claimId]: !o[c.claimId] }))}
        >
          {c.claimNumber}
        </Button>
      ),
    },
    { key: 'period', header: 'Period end', cell: (c) => c.periodEnd },
    { key: 'amount', header: 'Amount', numeric: true, cell: (c) => <Money amount={c.amount} /> },
    { key: 'retention', header: 'Retention', numeric: true, cell: (c) => <Money amount={c.retention} /> },
    { key: 'vat', header: 'VAT', numeric: true, cell: (c) => <Money amount={c.vat} /> },
    { key: 'due', header: 'Due now', numeric: true, cell: (c) => <Money amount={c.dueNow} /> },
    { key: 'status', header: 'Status', cell: (c) => <StatusBadge status={c.status} /> },
    {
      key: 'actions',
      header: 'Actions',
      cell: (c) =>
        c.status === 'SUBMITTED' ? (
          <Authorization allowed="orders.claims.approve" fallback="Awaiting approval">
            <Decide project={project} claim={c} />
          </Authorization>
        ) : c.status === 'APPROVED' ? (
          // The tax invoice the approval raised, by the number finance issued it under
          // (orders' copy of finance's events); those who read the books open it.
          c.invoiceNumber && c.invoiceId ? (
            <Authorization allowed="finance.ledger.read" fallback={`Invoice ${c.invoiceNumber}`}>
              <AppLink to={`/finance/invoices/${encodeURIComponent(c.invoiceId)}`} aria-label={`Invoice of ${c.claimNumber}`}>
                Invoice {c.invoiceNumber}
              </AppLink>
            </Authorization>
          ) : (
            'Invoice being issued'
          )
        ) : (
          (c.reason ?? '')
        ),
    },
  ];

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Amounts excl. VAT unless named; VAT on the retention is due when it is released.
        </Text>
        <Authorization allowed="orders.claims.write">
          {!creating ? (
            <Button onClick={() => setCreating(true)} disabled={awaiting || project.billOfQuantities.length === 0}>
              New claim
            </Button>
          ) : null}
        </Authorization>
      </Group>
      {awaiting ? (
        <Text size="sm" role="note">
          A claim is awaiting a decision; the next one can be made once it is approved or rejected.
        </Text>
      ) : null}
      {creating ? (
        <Stack gap="xs">
          <ClaimForm
            projectId={project.id}
            bill={project.billOfQuantities}
            submitting={submit.isPending}
            error={submit.error}
            onSubmit={(values) => submit.mutate(values, { onSuccess: () => setCreating(false) })}
          />
          <Group>
            <Button variant="default" onClick={() => setCreating(false)}>
              Cancel claim
            </Button>
          </Group>
        </Stack>
      ) : null}
      {project.claims.length === 0 ? (
        <Empty>No progress claims yet.</Empty>
      ) : (
        <DataTable
          label="Progress claims"
          columns={columns}
          rows={project.claims}
          rowKey={(c) => c.claimId}
          rowLabel={(c) => c.claimNumber}
          expanded={(c) => (open[c.claimId] ? <ClaimLines claim={c} /> : null)}
          minWidth={1000}
        />
      )}
    </Stack>
  );
}
