// The equipment register: every item with its meter, where it is (a project, or the
// yard) and when its next service is due, "overdue only" kept in the URL
// (`?overdue=1`); the commands on each item for those who may use them; and the
// utilisation per project — spells out, days and the charge in rand, summed exactly in
// cents.

import { Checkbox, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useSearchParams } from 'react-router';

import { DataTable, type Column } from '@/components/ui/data-table';
import { Money, NumberCell } from '@/components/ui/money';
import { Page, Section } from '@/components/ui/page';
import { QueryState } from '@/components/ui/query-state';
import { parseRand } from '@/lib/money';

import { useEquipment, useEquipmentUtilisation, type EquipmentHireRow } from '../api/get-equipment';
import { useProjectList, useProjectName } from '../api/get-project-names';
import { useEquipmentActions } from '../components/equipment-actions';
import { EquipmentTable } from '../components/equipment-table';

const hireColumns = (projectName: (id: string) => string): Column<EquipmentHireRow>[] => [
  { key: 'project', header: 'Project', cell: (h) => projectName(h.projectId) },
  { key: 'code', header: 'Code', cell: (h) => h.code },
  { key: 'spells', header: 'Spells', numeric: true, cell: (h) => h.spells },
  { key: 'days', header: 'Days', numeric: true, cell: (h) => h.days },
  { key: 'charge', header: 'Charge', numeric: true, cell: (h) => <Money amount={h.charge} /> },
];

function Utilisation({ projectId, setProject }: { projectId: string; setProject: (id: string) => void }) {
  const projects = useProjectList();
  const projectName = useProjectName();
  const hires = useEquipmentUtilisation(projectId || null);
  return (
    <Section title="Utilisation by project">
      <NativeSelect
        label="Project"
        w={360}
        data={[{ value: '', label: 'All projects' }, ...projects.map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))]}
        value={projectId}
        onChange={(e) => setProject(e.currentTarget.value)}
      />
      <QueryState query={hires} action="read equipment utilisation" isEmpty={(d) => d.equipmentUtilisation.length === 0} empty="Nothing has been out on a project yet.">
        {(d) => {
          const total = d.equipmentUtilisation.reduce((sum, h) => sum + (parseRand(h.charge) ?? 0n), 0n);
          return (
            <Stack gap="xs">
              <DataTable label="Equipment utilisation" columns={hireColumns(projectName)} rows={d.equipmentUtilisation} rowKey={(h) => `${h.projectId}/${h.code}`} rowLabel={(h) => `${h.code} on ${projectName(h.projectId)}`} minWidth={600} />
              <Table w="auto" aria-label="Utilisation total" withRowBorders={false}>
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Th>Charged</Table.Th>
                    <NumberCell>
                      <Money cents={total} />
                    </NumberCell>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
            </Stack>
          );
        }}
      </QueryState>
    </Section>
  );
}

export function EquipmentRoute() {
  const [params, setParams] = useSearchParams();
  const overdue = params.get('overdue') === '1';
  const projectId = params.get('project') ?? '';
  const equipment = useEquipment(overdue);
  const projectName = useProjectName();
  const projects = useProjectList();
  const { registerButton, rowActions, modals } = useEquipmentActions(projects.map((p) => p.code));
  const set = (key: string, value: string) =>
    setParams(
      (old) => {
        const next = new URLSearchParams(old);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  return (
    <Page title="Equipment register" description="Plant and equipment: where each item is, its meter and when its next service is due." actions={registerButton}>
      <Checkbox label="Overdue only" checked={overdue} onChange={(e) => set('overdue', e.currentTarget.checked ? '1' : '')} />
      <QueryState query={equipment} action="read the equipment register" isEmpty={(d) => d.equipment.length === 0} empty={overdue ? 'Nothing is overdue for service.' : 'No equipment registered yet.'}>
        {(d) => <EquipmentTable rows={d.equipment} projectName={projectName} actions={rowActions} />}
      </QueryState>
      <Text size="xs" c="dimmed">
        Checking an item in charges its project the daily rate for every day it was out, first and last included.
      </Text>
      <Utilisation projectId={projectId} setProject={(id) => set('project', id)} />
      {modals}
    </Page>
  );
}
