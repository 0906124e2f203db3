// Moving an opportunity through the pipeline: to another open stage, won, or lost with
// the reason (and the competitor who won it). Each command is answered before the
// opportunities' read model has it, so a command stays pending until `opportunity(id)`
// shows the new stage (read every 700 ms, 30 s at most, `lib/poll.ts`) and the lists
// and the pipeline have been read again: what the board shows after it is the server's.
// The board shows the cards of pending commands where they are going (`usePendingMoves`).

import { useMutation, useMutationState, useQueryClient, type Mutation, type QueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { OpportunityStage } from '@/gql/graphql';
import { execute } from '@/lib/graphql';
import { waitUntil } from '@/lib/poll';

import { opportunitiesKey } from './get-opportunities';
import { opportunityQueryOptions } from './get-opportunity';
import { pipelineKey } from './get-pipeline';

export const MoveOpportunityStageMutation = graphql(`
  mutation MoveOpportunityStage($id: ID!, $stage: OpportunityStage!) {
    moveOpportunityStage(id: $id, stage: $stage) {
      id
    }
  }
`);

export const WinOpportunityMutation = graphql(`
  mutation WinOpportunity($id: ID!) {
    winOpportunity(id: $id) {
      id
    }
  }
`);

export const LoseOpportunityMutation = graphql(`
  mutation LoseOpportunity($id: ID!, $reason: String!, $competitor: String) {
    loseOpportunity(id: $id, reason: $reason, competitor: $competitor) {
      id
    }
  }
`);

export interface MoveVariables {
  id: string;
  stage: OpportunityStage;
}

export interface LoseVariables {
  id: string;
  reason: string;
  competitor?: string | null;
}

const COMMAND = ['sales', 'opportunity-command'] as const;
const MOVE = [...COMMAND, 'move'] as const;
const WIN = [...COMMAND, 'win'] as const;
const LOSE = [...COMMAND, 'lose'] as const;

/** Waits until the read model has opportunity `id` at `stage`, then reads the lists and the pipeline again. */
async function untilAt(queryClient: QueryClient, id: string, stage: OpportunityStage) {
  await waitUntil(
    () => queryClient.fetchQuery({ ...opportunityQueryOptions(id), staleTime: 0 }),
    (d) => d.opportunity?.stage === stage,
  );
  await Promise.all([queryClient.invalidateQueries({ queryKey: opportunitiesKey }), queryClient.invalidateQueries({ queryKey: pipelineKey })]);
}

function useOpportunityCommand<TVariables>(mutationKey: readonly string[], run: (variables: TVariables) => Promise<unknown>, target: (variables: TVariables) => MoveVariables) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey,
    mutationFn: async (variables: TVariables) => {
      await run(variables);
      const { id, stage } = target(variables);
      await untilAt(queryClient, id, stage);
    },
  });
}

export const useMoveOpportunityStage = () =>
  useOpportunityCommand(MOVE, (v: MoveVariables) => execute(MoveOpportunityStageMutation, v), (v) => v);

export const useWinOpportunity = () =>
  useOpportunityCommand(WIN, (id: string) => execute(WinOpportunityMutation, { id }), (id) => ({ id, stage: 'WON' }));

export const useLoseOpportunity = () =>
  useOpportunityCommand(
    LOSE,
    (v: LoseVariables) => execute(LoseOpportunityMutation, { id: v.id, reason: v.reason, competitor: v.competitor ?? null }),
    (v) => ({ id: v.id, stage: 'LOST' }),
  );

/** Where a pending command is taking its opportunity. */
function pendingTarget(mutation: Mutation<unknown, Error, unknown>): MoveVariables | null {
  const [, , kind] = mutation.options.mutationKey ?? [];
  const variables = mutation.state.variables;
  if (kind === 'win' && typeof variables === 'string') return { id: variables, stage: 'WON' };
  if (kind === 'lose' && variables && typeof variables === 'object' && 'id' in variables) return { id: String(variables.id), stage: 'LOST' };
  if (kind === 'move' && variables && typeof variables === 'object' && 'id' in variables && 'stage' in variables) {
    return { id: String(variables.id), stage: variables.stage as OpportunityStage };
  }
  return null;
}

/** The opportunities on their way to another stage (the command sent, the read model not there yet), by id. */
export function usePendingMoves(): ReadonlyMap<string, OpportunityStage> {
  const pending = useMutationState({ filters: { mutationKey: COMMAND, status: 'pending' }, select: pendingTarget });
  return new Map(pending.flatMap((p) => (p ? [[p.id, p.stage] as const] : [])));
}
