import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { SalesPipelineQuery as SalesPipelineAnswer } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

/**
 * The pipeline read model three ways: by stage (open and closed), by month of expected
 * close (open ones with a date: the weighted forecast) and by owner; each slice with the
 * number of opportunities, their value and their value weighted by the stage's
 * probability. A sales rep's is their own.
 */
export const SalesPipelineQuery = graphql(`
  query SalesPipeline {
    pipeline {
      byStage {
        key
        opportunities
        value
        weighted
      }
      byMonth {
        key
        opportunities
        value
        weighted
      }
      byOwner {
        key
        opportunities
        value
        weighted
      }
    }
  }
`);

export type PipelineSliceRow = SalesPipelineAnswer['pipeline']['byStage'][number];

export const pipelineKey = ['sales', 'pipeline'] as const;

export const pipelineQueryOptions = () => queryOptions({ queryKey: pipelineKey, queryFn: () => execute(SalesPipelineQuery) });

export const usePipeline = () => useQuery(pipelineQueryOptions());
