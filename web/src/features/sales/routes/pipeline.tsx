// The pipeline board: the weighted forecast by month and the totals by stage (the
// server's pipeline read model), then a column per stage — labelled and weighted as the
// stages are configured (`pipelineStages`) — with its opportunities as cards to move:
// dragged, carried by the keyboard, or through each card's "Move to" menu. A move to
// another open stage is sent at once; won and lost ask first (lost: the reason and the
// competitor). The card waits in the column it is going to until the read model has it
// there; a refusal is shown above the board in the server's words. The owner filter is
// kept in the URL (`?owner=…`). Those who may configure the stages
// (`sales.settings.write`) have the "Stages" settings below the board.

import { Alert, NativeSelect, SimpleGrid } from '@mantine/core';
import { useState } from 'react';
import { useSearchParams } from 'react-router';

import { Page, Section } from '@/components/ui/page';
import { ErrorAlert, Loading, QueryState } from '@/components/ui/query-state';
import type { OpportunityStage } from '@/gql/graphql';
import { Authorization, usePermissions } from '@/lib/permissions/authorization';

import { useOpportunitiesByStage, type OpportunityRow } from '../api/get-opportunities';
import { usePipeline } from '../api/get-pipeline';
import { usePipelineStages } from '../api/stage-settings';
import { useLoseOpportunity, useMoveOpportunityStage, usePendingMoves, useWinOpportunity } from '../api/opportunity-actions';
import { LoseDialog, WinDialog } from '../components/close-dialogs';
import { PipelineBoard } from '../components/pipeline-board';
import { StageTotals, WeightedForecast } from '../components/pipeline-figures';
import { boardStages, STAGE_ORDER } from '../components/pipeline-stages';
import { StagesPanel } from '../components/stages-panel';

interface Refusal {
  name: string;
  error: unknown;
}

export function PipelineRoute() {
  const [params, setParams] = useSearchParams();
  const owner = params.get('owner') || null;
  const configured = usePipelineStages();
  const stages = boardStages(configured.data?.pipelineStages);
  const columns = useOpportunitiesByStage(STAGE_ORDER, owner);
  const pipeline = usePipeline();
  const pending = usePendingMoves();
  const move = useMoveOpportunityStage();
  const win = useWinOpportunity();
  const lose = useLoseOpportunity();
  const { can } = usePermissions();
  const [closing, setClosing] = useState<{ opportunity: OpportunityRow; to: 'WON' | 'LOST' } | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  const refused = (opportunity: OpportunityRow) => (error: unknown) => setRefusal({ name: opportunity.name, error });
  const request = (opportunity: OpportunityRow, to: OpportunityStage) => {
    if (to === opportunity.stage) return;
    if (to === 'WON' || to === 'LOST') {
      setClosing({ opportunity, to });
      return;
    }
    setRefusal(null);
    move.mutateAsync({ id: opportunity.id, stage: to }).catch(refused(opportunity));
  };
  const confirmWin = () => {
    if (!closing) return;
    const { opportunity } = closing;
    setClosing(null);
    setRefusal(null);
    win.mutateAsync(opportunity.id).catch(refused(opportunity));
  };
  const confirmLose = (values: { reason: string; competitor: string | null }) => {
    if (!closing) return;
    const { opportunity } = closing;
    setClosing(null);
    setRefusal(null);
    lose.mutateAsync({ id: opportunity.id, ...values }).catch(refused(opportunity));
  };

  const failed = columns.find((c) => c.error);
  const loading = columns.some((c) => c.isPending) || configured.isPending;
  const opportunities = columns.flatMap((c) => c.data?.opportunities.nodes ?? []);
  const truncated = new Set(STAGE_ORDER.filter((_, i) => columns[i]?.data?.opportunities.pageInfo.hasNextPage));
  const totals = new Map((pipeline.data?.pipeline.byStage ?? []).map((s) => [s.key, s]));
  const owners = [...new Set([...(pipeline.data?.pipeline.byOwner ?? []).map((o) => o.key), ...(owner ? [owner] : [])])].sort();

  return (
    <Page title="Pipeline board" description="Every open opportunity by stage, to move along; the forecast weighs each by its stage's probability.">
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Section title="Weighted forecast by month">
          <QueryState query={pipeline} action="read the pipeline">
            {(d) => <WeightedForecast months={d.pipeline.byMonth} />}
          </QueryState>
        </Section>
        <Section title="Totals by stage">
          <QueryState query={pipeline} action="read the pipeline">
            {(d) => <StageTotals stages={stages} byStage={d.pipeline.byStage} />}
          </QueryState>
        </Section>
      </SimpleGrid>
      <Section title="Opportunities by stage">
        {owners.length > 1 || owner ? (
          <NativeSelect
            label="Owner"
            w={260}
            value={owner ?? ''}
            onChange={(e) => setParams(e.currentTarget.value ? { owner: e.currentTarget.value } : {}, { replace: true })}
            data={[{ value: '', label: 'Everyone' }, ...owners.map((o) => ({ value: o, label: o }))]}
          />
        ) : null}
        {configured.error ? (
          <Alert color="yellow" title="Stage settings not read">
            The stages&apos; labels and probabilities could not be read; the defaults are shown.
          </Alert>
        ) : null}
        {refusal ? <ErrorAlert error={refusal.error} action={`move ${refusal.name}`} title={`${refusal.name} was not moved`} /> : null}
        {failed ? (
          <ErrorAlert error={failed.error} action="read opportunities" onRetry={() => columns.forEach((c) => void c.refetch())} />
        ) : loading ? (
          <Loading label="Loading the board…" />
        ) : (
          <PipelineBoard
            stages={stages}
            opportunities={opportunities}
            totals={owner ? undefined : totals}
            truncated={truncated}
            pending={pending}
            canMove={can('sales.opportunities.write')}
            onMove={request}
          />
        )}
      </Section>
      {configured.data ? (
        <Authorization allowed="sales.settings.write">
          <Section title="Stages">
            <StagesPanel stages={stages} />
          </Section>
        </Authorization>
      ) : null}
      <WinDialog name={closing?.opportunity.name ?? ''} opened={closing?.to === 'WON'} onClose={() => setClosing(null)} onConfirm={confirmWin} />
      {closing?.to === 'LOST' ? <LoseDialog key={closing.opportunity.id} name={closing.opportunity.name} opened onClose={() => setClosing(null)} onConfirm={confirmLose} /> : null}
    </Page>
  );
}
