// The contract terms: shown, and editable while the project is at TENDER or AWARDED.

import { Alert, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';

import { Money } from '@/components/ui/money';
import { describeError, fieldErrors } from '@/lib/errors';
import { Authorization } from '@/lib/permissions/authorization';

import type { ProjectDetail } from '../api/get-project';
import { useSetProjectContract } from '../api/set-project-contract';
import { CONTRACT_TYPES, ContractFields, contractInput, emptyContract, type ContractValues } from './contract-fields';
import { contractEditable } from './status';

function ContractEditor({ project, onDone }: { project: ProjectDetail; onDone: () => void }) {
  const c = project.contract;
  const [values, setValues] = useState<ContractValues>(
    c
      ? {
          contractType: c.contractType,
          contractValue: c.contractValue,
          retentionPercent: c.retentionPercent,
          retentionCapPercent: c.retentionCapPercent ?? '',
          releaseAtPracticalPercent: c.releaseAtPracticalPercent,
          plannedCompletionOn: c.plannedCompletionOn ?? '',
        }
      : emptyContract(),
  );
  const save = useSetProjectContract(project.id);
  const errors = fieldErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(contractInput(values), { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} aria-label="Contract terms">
      <Stack gap="sm">
        <ContractFields values={values} onChange={(patch) => setValues((v) => ({ ...v, ...patch }))} errors={errors} />
        {save.error && Object.keys(errors).length === 0 ? (
          <Alert color="red" role="alert" title="The contract was not set">
            {describeError(save.error, 'set the contract')}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending} disabled={!values.contractValue.trim()}>
            Save contract
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ContractCard({ project }: { project: ProjectDetail }) {
  const [editing, setEditing] = useState(false);
  const c = project.contract;
  const editable = contractEditable(project.status);
  if (editing) return <ContractEditor project={project} onDone={() => setEditing(false)} />;
  return (
    <Stack gap="xs">
      {c ? (
        <Table aria-label="Contract" w="auto" miw={420} withTableBorder>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th>Type</Table.Th>
              <Table.Td>{CONTRACT_TYPES.find((t) => t.value === c.contractType)?.label ?? c.contractType}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Contract value (excl. VAT, before variations)</Table.Th>
              <Table.Td>
                <Money amount={c.contractValue} />
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Retention</Table.Th>
              <Table.Td>
                {c.retentionPercent}% of each claim{c.retentionCapPercent ? `, up to ${c.retentionCapPercent}% of the varied contract value` : ', no cap'}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Released at practical completion</Table.Th>
              <Table.Td>{c.releaseAtPracticalPercent}% of the retention held (the rest at final completion)</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Planned completion</Table.Th>
              <Table.Td>{c.plannedCompletionOn ?? '—'}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      ) : (
        <Text c="dimmed">No contract yet: set its value and retention before the bill of quantities and claims.</Text>
      )}
      <Authorization allowed="orders.projects.write">
        {editable ? (
          <Group>
            <Button variant="light" onClick={() => setEditing(true)}>
              {c ? 'Edit contract' : 'Set contract'}
            </Button>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            The contract is fixed once work starts; change it by variation.
          </Text>
        )}
      </Authorization>
    </Stack>
  );
}
