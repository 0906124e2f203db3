// The work breakdown tab: phases with their tasks (planned and actual dates, budget,
// percent complete with "Record progress", dependencies), and the forms that add a
// phase or task and a dependency (the server refuses a cycle; its message shows).

import { Alert, Button, Group, Modal, NativeSelect, Progress, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { Fragment, useState, type FormEvent } from 'react';

import { Money, NumberTh } from '@/components/ui/money';
import { Empty } from '@/components/ui/query-state';
import type { WorkItemKind } from '@/gql/graphql';
import { describeError, fieldErrors } from '@/lib/errors';
import { Authorization } from '@/lib/permissions/authorization';

import type { ProjectDetail, WorkItemRow } from '../api/get-project';
import { useAddWorkDependency, useAddWorkItem, useRecordWorkProgress } from '../api/work-breakdown';
import { groupWorkItems } from './work-groups';

const dates = (start?: string | null, finish?: string | null) => (start || finish ? `${start ?? '…'} – ${finish ?? '…'}` : '—');

function RecordProgress({ projectId, item }: { projectId: string; item: WorkItemRow }) {
  const [opened, setOpened] = useState(false);
  const [percent, setPercent] = useState(item.percentComplete);
  const [start, setStart] = useState(item.actualStart ?? '');
  const [finish, setFinish] = useState(item.actualFinish ?? '');
  const record = useRecordWorkProgress(projectId);
  const errors = fieldErrors(record.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    record.mutate(
      { code: item.code, percentComplete: percent.trim(), actualStart: start || null, actualFinish: finish || null },
      { onSuccess: () => setOpened(false) },
    );
  };
  return (
    <>
      <Button size="compact-xs" variant="light" onClick={() => setOpened(true)} aria-label={`Record progress of ${item.code}`}>
        Record progress
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={`Progress of ${item.code} ${item.name}`}>
        <form onSubmit={submit} aria-label={`Progress of ${item.code}`}>
          <Stack gap="sm">
            <TextInput label="Percent complete" inputMode="decimal" value={percent} onChange={(e) => setPercent(e.currentTarget.value)} error={errors.percentComplete} data-autofocus />
            <TextInput label="Actual start" type="date" value={start} onChange={(e) => setStart(e.currentTarget.value)} error={errors.actualStart} />
            <TextInput label="Actual finish" type="date" value={finish} onChange={(e) => setFinish(e.currentTarget.value)} error={errors.actualFinish} />
            {record.error && Object.keys(errors).length === 0 ? (
              <Alert color="red" role="alert">
                {describeError(record.error, 'record progress')}
              </Alert>
            ) : null}
            <Group justify="flex-end">
              <Button type="submit" loading={record.isPending}>
                Record
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

function ItemRow({ projectId, item, phase, budgetCents }: { projectId: string; item: WorkItemRow; phase: boolean; budgetCents?: bigint }) {
  return (
    <Table.Tr aria-label={`${item.code} ${item.name}`} fw={phase ? 600 : undefined}>
      <Table.Td pl={phase ? undefined : 'lg'}>{item.code}</Table.Td>
      <Table.Td>{item.name}</Table.Td>
      <Table.Td>{dates(item.plannedStart, item.plannedFinish)}</Table.Td>
      <Table.Td>{dates(item.actualStart, item.actualFinish)}</Table.Td>
      <Table.Td ta="right">
        {budgetCents !== undefined ? <Money cents={budgetCents} /> : <Money amount={item.budget} />}
      </Table.Td>
      <Table.Td miw={140}>
        <Group gap="xs" wrap="nowrap">
          <Progress value={Number(item.percentComplete)} w={60} aria-hidden />
          <Text size="sm">{item.percentComplete}%</Text>
        </Group>
      </Table.Td>
      <Table.Td>{item.after.length > 0 ? `after ${item.after.join(', ')}` : ''}</Table.Td>
      <Table.Td>
        {!phase ? (
          <Authorization allowed="orders.projects.write">
            <RecordProgress projectId={projectId} item={item} />
          </Authorization>
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
}

/** The phases with their tasks as one table. */
export function WorkBreakdownTable({ projectId, items }: { projectId: string; items: readonly WorkItemRow[] }) {
  const groups = groupWorkItems(items);
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table aria-label="Work breakdown" verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Code</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th>Planned</Table.Th>
            <Table.Th>Actual</Table.Th>
            <NumberTh>Budget</NumberTh>
            <Table.Th>Complete</Table.Th>
            <Table.Th>Dependencies</Table.Th>
            <Table.Th>
              <span className="mantine-visually-hidden">Actions</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {groups.map((group) => (
            <Fragment key={group.phase?.code ?? '(none)'}>
              {group.phase ? (
                <ItemRow projectId={projectId} item={group.phase} phase budgetCents={group.budgetCents} />
              ) : (
                <Table.Tr>
                  <Table.Td colSpan={8} fw={600}>
                    Not in a phase
                  </Table.Td>
                </Table.Tr>
              )}
              {group.tasks.map((task) => (
                <ItemRow key={task.code} projectId={projectId} item={task} phase={false} />
              ))}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function AddItem({ project }: { project: ProjectDetail }) {
  const [opened, setOpened] = useState(false);
  const phases = project.workItems.filter((i) => i.kind === 'PHASE');
  const empty = { code: '', name: '', kind: 'TASK' as WorkItemKind, parent: '', plannedStart: '', plannedFinish: '', budget: '', costCode: '' };
  const [v, setV] = useState(empty);
  const add = useAddWorkItem(project.id);
  const errors = fieldErrors(add.error);
  const opt = (s: string) => (s.trim() === '' ? null : s.trim());
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate(
      {
        code: v.code.trim(),
        name: v.name.trim(),
        kind: v.kind,
        parent: v.kind === 'TASK' ? opt(v.parent) : null,
        plannedStart: opt(v.plannedStart),
        plannedFinish: opt(v.plannedFinish),
        budget: v.kind === 'TASK' ? opt(v.budget) : null,
        costCode: opt(v.costCode),
      },
      { onSuccess: () => { setOpened(false); setV(empty); } },
    );
  };
  const set = (patch: Partial<typeof v>) => setV((o) => ({ ...o, ...patch }));
  return (
    <>
      <Button variant="light" onClick={() => setOpened(true)}>
        Add phase or task
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title="Add phase or task" size="lg">
        <form onSubmit={submit} aria-label="Add phase or task">
          <Stack gap="sm">
            <SimpleGrid cols={2}>
              <NativeSelect label="Kind" data={[{ value: 'TASK', label: 'Task' }, { value: 'PHASE', label: 'Phase' }]} value={v.kind} onChange={(e) => set({ kind: e.currentTarget.value as WorkItemKind })} />
              {v.kind === 'TASK' ? (
                <NativeSelect
                  label="Phase"
                  data={[{ value: '', label: 'No phase' }, ...phases.map((p) => ({ value: p.code, label: `${p.code} ${p.name}` }))]}
                  value={v.parent}
                  onChange={(e) => set({ parent: e.currentTarget.value })}
                  error={errors['item.parent'] ?? errors.parent}
                />
              ) : (
                <span />
              )}
              <TextInput label="Code" description="e.g. 2 for a phase, 2.3 for a task in it" required value={v.code} onChange={(e) => set({ code: e.currentTarget.value })} error={errors['item.code'] ?? errors.code} />
              <TextInput label="Name" required value={v.name} onChange={(e) => set({ name: e.currentTarget.value })} error={errors['item.name'] ?? errors.name} />
              <TextInput label="Planned start" type="date" value={v.plannedStart} onChange={(e) => set({ plannedStart: e.currentTarget.value })} />
              <TextInput label="Planned finish" type="date" value={v.plannedFinish} onChange={(e) => set({ plannedFinish: e.currentTarget.value })} error={errors['item.plannedFinish'] ?? errors.plannedFinish} />
              {v.kind === 'TASK' ? (
                <TextInput label="Budget excl. VAT (R)" inputMode="decimal" value={v.budget} onChange={(e) => set({ budget: e.currentTarget.value })} error={errors['item.budget'] ?? errors.budget} />
              ) : null}
              <TextInput label="Cost code" value={v.costCode} onChange={(e) => set({ costCode: e.currentTarget.value })} />
            </SimpleGrid>
            {add.error && Object.keys(errors).length === 0 ? (
              <Alert color="red" role="alert">
                {describeError(add.error, 'change the work breakdown')}
              </Alert>
            ) : null}
            <Group justify="flex-end">
              <Button type="submit" loading={add.isPending} disabled={!v.code.trim() || !v.name.trim()}>
                Add
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

function AddDependency({ project }: { project: ProjectDetail }) {
  const codes = project.workItems.map((i) => ({ value: i.code, label: `${i.code} ${i.name}` }));
  const [predecessor, setPredecessor] = useState(codes[0]?.value ?? '');
  const [successor, setSuccessor] = useState(codes[1]?.value ?? '');
  const add = useAddWorkDependency(project.id);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({ predecessor, successor });
  };
  if (codes.length < 2) return null;
  return (
    <form onSubmit={submit} aria-label="Add dependency">
      <Stack gap="xs">
        <Group align="flex-end">
          <NativeSelect label="Starts after (predecessor)" data={codes} value={predecessor} onChange={(e) => setPredecessor(e.currentTarget.value)} />
          <NativeSelect label="Item (successor)" data={codes} value={successor} onChange={(e) => setSuccessor(e.currentTarget.value)} />
          <Button type="submit" variant="light" loading={add.isPending} disabled={!predecessor || !successor}>
            Add dependency
          </Button>
        </Group>
        {add.error ? (
          <Alert color="red" role="alert" title="The dependency was not added">
            {describeError(add.error, 'change the work breakdown')}
          </Alert>
        ) : null}
      </Stack>
    </form>
  );
}

export function WorkBreakdownTab({ project }: { project: ProjectDetail }) {
  return (
    <Stack gap="md">
      <Authorization allowed="orders.projects.write">
        <Group>
          <AddItem project={project} />
        </Group>
      </Authorization>
      {project.workItems.length === 0 ? <Empty>No phases or tasks yet.</Empty> : <WorkBreakdownTable projectId={project.id} items={project.workItems} />}
      <Authorization allowed="orders.projects.write">
        <AddDependency project={project} />
      </Authorization>
    </Stack>
  );
}
