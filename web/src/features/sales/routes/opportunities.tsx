// Opportunities and the pipeline: the value by stage as a chart, then the list with the
// next moves (advance a stage, win, lose with a reason).

import { Badge, Button, Group, NativeSelect, Stack, Table, TextInput } from '@mantine/core';
import { useState } from 'react';

import { AppLink } from '@/components/ui/link';
import { Money, NumberCell, NumberTh } from '@/components/ui/money';
import { Page, Section } from '@/components/ui/page';
import { ErrorAlert, QueryState } from '@/components/ui/query-state';
import { formatDateTime, humanize } from '@/lib/format';
import { Authorization } from '@/lib/permissions/authorization';
import type { OpportunityStage } from '@/gql/graphql';

import { useOpportunities } from '../api/get-opportunities';
import { useLoseOpportunity, useMoveOpportunityStage, useWinOpportunity } from '../api/opportunity-actions';
import { PipelineChart, STAGES } from '@/components/ui/pipeline-chart';

const OPEN: OpportunityStage[] = ['QUALIFICATION', 'SITE_VISIT', 'TENDER', 'NEGOTIATION'];

function Moves({ id, stage }: { id: string; stage: OpportunityStage }) {
  const move = useMoveOpportunityStage();
  const win = useWinOpportunity();
  const lose = useLoseOpportunity();
  const [reason, setReason] = useState('');
  const next = OPEN[OPEN.indexOf(stage) + 1];
  if (!OPEN.includes(stage)) return null;
  const error = move.error ?? win.error ?? lose.error;
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="nowrap">
        {next ? (
          <Button size="xs" variant="light" loading={move.isPending} onClick={() => move.mutate({ id, stage: next })}>
            To {humanize(next).toLowerCase()}
          </Button>
        ) : null}
        <Button size="xs" color="green" loading={win.isPending} onClick={() => win.mutate(id)}>
          Won
        </Button>
        <TextInput size="xs" aria-label="Reason lost" placeholder="Reason lost" value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        <Button size="xs" color="red" variant="subtle" disabled={!reason.trim()} loading={lose.isPending} onClick={() => lose.mutate({ id, reason: reason.trim() })}>
          Lost
        </Button>
      </Group>
      {error ? <ErrorAlert error={error} action="move opportunities" /> : null}
    </Stack>
  );
}

export function OpportunitiesRoute() {
  const [stage, setStage] = useState<OpportunityStage | ''>('');
  const all = useOpportunities({ first: 100 });
  const list = useOpportunities({ first: 50, stage: stage || null });
  return (
    <Page title="Opportunities" description="The sales pipeline: every one to managers, your own to a sales rep.">
      <Section title="Pipeline by stage">
        <QueryState query={all} action="read opportunities" isEmpty={(d) => d.opportunities.nodes.length === 0} empty="The pipeline is empty.">
          {(d) => <PipelineChart opportunities={d.opportunities.nodes} />}
        </QueryState>
      </Section>
      <NativeSelect
        label="Stage"
        w={220}
        value={stage}
        onChange={(e) => setStage(e.currentTarget.value as OpportunityStage | '')}
        data={[{ value: '', label: 'Every stage' }, ...STAGES.map((s) => ({ value: s, label: humanize(s) }))]}
      />
      <QueryState query={list} action="read opportunities" isEmpty={(d) => d.opportunities.nodes.length === 0} empty="No opportunities at this stage.">
        {(d) => (
          <Table.ScrollContainer minWidth={980}>
            <Table striped aria-label="Opportunities">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Stage</Table.Th>
                  <NumberTh>Probability</NumberTh>
                  <NumberTh>Estimated value</NumberTh>
                  <Table.Th>Owner</Table.Th>
                  <Table.Th>Opened</Table.Th>
                  <Table.Th>Quotes</Table.Th>
                  <Table.Th>Next</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.opportunities.nodes.map((o) => (
                  <Table.Tr key={o.id}>
                    <Table.Td>{o.name}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={o.stage === 'WON' ? 'green' : o.stage === 'LOST' ? 'red' : 'blue'}>
                        {humanize(o.stage)}
                      </Badge>
                      {o.lostReason ? ` ${o.lostReason}` : ''}
                    </Table.Td>
                    <NumberCell>{o.probability}%</NumberCell>
                    <NumberCell>{o.estimatedValue ? <Money amount={o.estimatedValue} /> : '—'}</NumberCell>
                    <Table.Td>{o.owner}</Table.Td>
                    <Table.Td>{formatDateTime(o.openedAt)}</Table.Td>
                    <Table.Td>
                      <AppLink to={`/opportunities/${encodeURIComponent(o.id)}/quotes`} aria-label={`Quotes of ${o.name}`}>
                        Quotes
                      </AppLink>
                    </Table.Td>
                    <Table.Td>
                      <Authorization allowed="sales.opportunities.write">
                        <Moves id={o.id} stage={o.stage} />
                      </Authorization>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
    </Page>
  );
}
