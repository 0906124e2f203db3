// The pipeline's stages as configured: what the board calls each and the probability the
// forecast weighs it by; and configuring one (`sales.settings.write`: sales managers and
// administrators). Open opportunities at a stage are re-forecast at its new probability,
// so after a change the stages, the opportunities and the pipeline are read again once the
// stages' read model shows it (every 700 ms, 30 s at most, `lib/poll.ts`).

import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { OpportunityStage } from '@/gql/graphql';
import { execute } from '@/lib/graphql';
import { waitUntil } from '@/lib/poll';

import { opportunitiesKey } from './get-opportunities';
import { pipelineKey } from './get-pipeline';

export const PipelineStagesQuery = graphql(`
  query PipelineStages {
    pipelineStages {
      stage
      label
      probability
      open
    }
  }
`);

export const ConfigurePipelineStageMutation = graphql(`
  mutation ConfigurePipelineStage($stage: OpportunityStage!, $label: String!, $probability: Int!) {
    configurePipelineStage(stage: $stage, label: $label, probability: $probability) {
      stage
      correlationId
    }
  }
`);

export const pipelineStagesKey = ['sales', 'pipeline-stages'] as const;

export const pipelineStagesQueryOptions = () =>
  queryOptions({ queryKey: pipelineStagesKey, queryFn: () => execute(PipelineStagesQuery), staleTime: 60_000 });

export const usePipelineStages = () => useQuery(pipelineStagesQueryOptions());

export interface StageSetting {
  stage: OpportunityStage;
  label: string;
  probability: number;
}

export function useConfigurePipelineStage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (setting: StageSetting) => {
      await execute(ConfigurePipelineStageMutation, setting);
      await waitUntil(
        () => queryClient.fetchQuery({ ...pipelineStagesQueryOptions(), staleTime: 0 }),
        (d) => d.pipelineStages.some((s) => s.stage === setting.stage && s.label === setting.label && s.probability === setting.probability),
      );
      await Promise.all([pipelineStagesKey, opportunitiesKey, pipelineKey].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
  });
}
