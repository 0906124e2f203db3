// Retention released so far (at practical and final completion, or by hand), and the
// release by hand for holders of `orders.claims.approve` once practical completion is
// reached (never more than is held; finance invoices each release with its VAT).

import { Alert, Button, Group, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';

import { DataTable, type Column } from '@/components/ui/data-table';
import { Money } from '@/components/ui/money';
import { describeError, fieldErrors } from '@/lib/errors';
import { humanize } from '@/lib/format';
import { Authorization } from '@/lib/permissions/authorization';

import type { ProjectDetail } from '../api/get-project';
import { useReleaseProjectRetention } from '../api/release-project-retention';

type Release = ProjectDetail['retentionReleases'][number];

const COLUMNS: Column<Release>[] = [
  { key: 'date', header: 'Released on', cell: (r) => r.releasedOn },
  { key: 'stage', header: 'Stage', cell: (r) => humanize(r.stage) },
  { key: 'amount', header: 'Amount (excl. VAT)', numeric: true, cell: (r) => <Money amount={r.amount} /> },
];

function ReleaseForm({ projectId }: { projectId: string }) {
  const [amount, setAmount] = useState('');
  const release = useReleaseProjectRetention(projectId);
  const errors = fieldErrors(release.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    release.mutate({ amount: amount.trim() }, { onSuccess: () => setAmount('') });
  };
  return (
    <form onSubmit={submit} aria-label="Release retention">
      <Stack gap="xs">
        <Group align="flex-end">
          <TextInput label="Release retention (R, excl. VAT)" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.currentTarget.value)} error={errors.amount} />
          <Button type="submit" variant="light" loading={release.isPending} disabled={!amount.trim()}>
            Release
          </Button>
        </Group>
        {release.error && !errors.amount ? (
          <Alert color="red" role="alert">
            {describeError(release.error, 'release retention')}
          </Alert>
        ) : null}
      </Stack>
    </form>
  );
}

export function RetentionSection({ project }: { project: ProjectDetail }) {
  const releasable = ['PRACTICAL_COMPLETION', 'FINAL_COMPLETION'].includes(project.status);
  if (project.retentionReleases.length === 0 && !releasable) return null;
  return (
    <Stack gap="sm">
      {project.retentionReleases.length > 0 ? (
        <DataTable label="Retention releases" columns={COLUMNS} rows={project.retentionReleases} rowKey={(r) => r.releaseId} minWidth={500} />
      ) : null}
      {releasable ? (
        <Authorization allowed="orders.claims.approve">
          <ReleaseForm projectId={project.id} />
        </Authorization>
      ) : null}
    </Stack>
  );
}
