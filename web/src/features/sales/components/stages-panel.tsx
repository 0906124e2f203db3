// The "Stages" settings of the pipeline (`sales.settings.write`): each stage's label on
// the board and the probability the forecast weighs it by — an open stage from 1 to 99%;
// won is always 100% and lost 0%, so only their labels change. Checked as the server
// checks them before anything is sent (a label on one line of at most 200 characters);
// a refusal is shown in an alert, in the server's words.

import { Button, Table, TextInput } from '@mantine/core';
import { useState } from 'react';

import { ErrorAlert } from '@/components/ui/query-state';
import { humanize } from '@/lib/format';

import { useConfigurePipelineStage } from '../api/stage-settings';
import type { StageInfo } from './pipeline-stages';

/** What is wrong with a stage's label and probability (none: nothing). */
export function stageProblems(stage: StageInfo, label: string, probability: string): { label?: string; probability?: string } {
  const problems: { label?: string; probability?: string } = {};
  if (!label.trim()) problems.label = 'Required';
  else if (/[\r\n]/.test(label)) problems.label = 'One line only';
  else if (label.trim().length > 200) problems.label = 'At most 200 characters';
  if (stage.open) {
    const n = /^\d{1,2}$/.test(probability.trim()) ? Number(probability.trim()) : NaN;
    if (!(n >= 1 && n <= 99)) problems.probability = 'A whole percent from 1 to 99';
  }
  return problems;
}

function StageRow({ stage, onRefused }: { stage: StageInfo; onRefused: (label: string, error: unknown) => void }) {
  const configure = useConfigurePipelineStage();
  const [label, setLabel] = useState(stage.label);
  const [probability, setProbability] = useState(String(stage.probability));
  const problems = stageProblems(stage, label, probability);
  const changed = label.trim() !== stage.label || (stage.open && Number(probability.trim()) !== stage.probability);
  const save = () => {
    if (problems.label || problems.probability) return;
    configure
      .mutateAsync({ stage: stage.stage, label: label.trim(), probability: stage.open ? Number(probability.trim()) : stage.probability })
      .then(() => onRefused(stage.label, null))
      .catch((error: unknown) => onRefused(label.trim(), error));
  };
  return (
    <Table.Tr aria-label={stage.stage}>
      <Table.Td>{humanize(stage.stage)}</Table.Td>
      <Table.Td>
        <TextInput aria-label={`${stage.stage} label`} size="xs" value={label} onChange={(e) => setLabel(e.currentTarget.value)} error={problems.label} />
      </Table.Td>
      <Table.Td>
        <TextInput
          aria-label={`${stage.stage} probability (%)`}
          size="xs"
          w={90}
          inputMode="numeric"
          value={probability}
          readOnly={!stage.open}
          description={stage.open ? undefined : 'Fixed'}
          onChange={(e) => setProbability(e.currentTarget.value)}
          error={problems.probability}
        />
      </Table.Td>
      <Table.Td>
        <Button size="compact-xs" variant="light" aria-label={`Save ${stage.stage}`} disabled={!changed || Boolean(problems.label || problems.probability)} loading={configure.isPending} onClick={save}>
          Save
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

export function StagesPanel({ stages }: { stages: readonly StageInfo[] }) {
  const [refusal, setRefusal] = useState<{ label: string; error: unknown } | null>(null);
  return (
    <>
      <Table.ScrollContainer minWidth={520}>
        <Table aria-label="Pipeline stages" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Stage</Table.Th>
              <Table.Th>Label on the board</Table.Th>
              <Table.Th>Probability (%)</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {stages.map((s) => (
              <StageRow key={`${s.stage}:${s.label}:${s.probability}`} stage={s} onRefused={(label, error) => setRefusal(error ? { label, error } : null)} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {refusal ? <ErrorAlert error={refusal.error} action="configure the pipeline's stages" title={`${refusal.label} was not saved`} /> : null}
    </>
  );
}
