// The variations tab: every variation order with its status; propose (a negative amount
// is an omission), approve, reject with a reason.

import { Alert, Button, Group, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';

import { DataTable, type Column } from '@/components/ui/data-table';
import { Money } from '@/components/ui/money';
import { Empty } from '@/components/ui/query-state';
import { describeError, fieldErrors } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import { Authorization } from '@/lib/permissions/authorization';

import type { ProjectDetail, VariationRow } from '../api/get-project';
import { useApproveVariation, useProposeVariation, useRejectVariation } from '../api/variations';
import { ReasonModal } from './reason-modal';
import { StatusBadge } from './status';

function Propose({ projectId }: { projectId: string }) {
  const [description, setDescription] = useState('');
  const [amount, setAmount] = useState('');
  const [costCode, setCostCode] = useState('');
  const propose = useProposeVariation(projectId);
  const errors = fieldErrors(propose.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    propose.mutate(
      { description: description.trim(), amount: amount.trim(), costCode: costCode.trim() || null },
      {
        onSuccess: () => {
          setDescription('');
          setAmount('');
          setCostCode('');
        },
      },
    );
  };
  return (
    <form onSubmit={submit} aria-label="Propose variation">
      <Stack gap="xs">
        <Group align="flex-start">
          <TextInput label="Description" required miw={320} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={errors.description} />
          <TextInput
            label="Amount excl. VAT (R)"
            description="Negative: an omission"
            inputMode="decimal"
            required
            value={amount}
            onChange={(e) => setAmount(e.currentTarget.value)}
            error={errors.amount}
          />
          <TextInput label="Cost code" value={costCode} onChange={(e) => setCostCode(e.currentTarget.value)} />
          <Button type="submit" mt={24} loading={propose.isPending} disabled={!description.trim() || !amount.trim()}>
            Propose variation
          </Button>
        </Group>
        {propose.error && Object.keys(errors).length === 0 ? (
          <Alert color="red" role="alert">
            {describeError(propose.error, 'propose variations')}
          </Alert>
        ) : null}
      </Stack>
    </form>
  );
}

function Decide({ projectId, variation }: { projectId: string; variation: VariationRow }) {
  const approve = useApproveVariation(projectId);
  const reject = useRejectVariation(projectId);
  const [rejecting, setRejecting] = useState(false);
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="nowrap">
        <Button size="xs" loading={approve.isPending} onClick={() => approve.mutate(variation.number)} aria-label={`Approve ${variation.number}`}>
          Approve
        </Button>
        <Button size="xs" variant="light" color="red" onClick={() => setRejecting(true)} aria-label={`Reject ${variation.number}`}>
          Reject
        </Button>
      </Group>
      {approve.error ? (
        <Alert color="red" role="alert" p="xs">
          {describeError(approve.error, 'approve variations')}
        </Alert>
      ) : null}
      <ReasonModal
        title={`Reject ${variation.number}`}
        opened={rejecting}
        onClose={() => setRejecting(false)}
        confirmLabel="Reject variation"
        action="reject variations"
        pending={reject.isPending}
        error={reject.error}
        onConfirm={(reason) => reject.mutate({ number: variation.number, reason }, { onSuccess: () => setRejecting(false) })}
      />
    </Stack>
  );
}

export function VariationsTab({ project }: { project: ProjectDetail }) {
  const columns: Column<VariationRow>[] = [
    { key: 'number', header: 'Number', cell: (v) => v.number },
    { key: 'description', header: 'Description', cell: (v) => v.description },
    { key: 'amount', header: 'Amount', numeric: true, cell: (v) => <Money amount={v.amount} /> },
    { key: 'cost', header: 'Cost code', cell: (v) => v.costCode ?? '' },
    { key: 'proposed', header: 'Proposed (date)', cell: (v) => formatDateTime(v.proposedAt).slice(0, 10) },
    { key: 'status', header: 'Status', cell: (v) => <StatusBadge status={v.status} /> },
    {
      key: 'actions',
      header: 'Decision',
      cell: (v) =>
        v.status === 'PROPOSED' ? (
          <Authorization allowed="orders.projects.write" fallback="Awaiting a decision">
            <Decide projectId={project.id} variation={v} />
          </Authorization>
        ) : (
          [v.decidedAt ? formatDateTime(v.decidedAt).slice(0, 10) : null, v.reason].filter(Boolean).join(': ')
        ),
    },
  ];
  return (
    <Stack gap="md">
      <Authorization allowed="orders.projects.write">
        <Propose projectId={project.id} />
      </Authorization>
      {project.variations.length === 0 ? (
        <Empty>No variation orders yet.</Empty>
      ) : (
        <DataTable label="Variations" columns={columns} rows={project.variations} rowKey={(v) => v.number} minWidth={900} />
      )}
    </Stack>
  );
}
