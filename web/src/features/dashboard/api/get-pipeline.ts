import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

export const PipelineQuery = graphql(`
  query Pipeline {
    opportunities(first: 100) {
      nodes {
        id
        stage
        estimatedValue
      }
    }
  }
`);

export const pipelineQueryOptions = () => queryOptions({ queryKey: ['dashboard', 'pipeline'], queryFn: () => execute(PipelineQuery) });

export const usePipeline = () => useQuery(pipelineQueryOptions());
