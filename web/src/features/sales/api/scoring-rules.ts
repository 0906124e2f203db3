// The lead-scoring rules in force (their version: 0 for the defaults) and replacing them
// (`sales.settings.write`: sales managers and administrators). New rules score every lead
// again, so after a change the command stays pending until `leadScoringRules` shows a
// later version (every 700 ms, 30 s at most, `lib/poll.ts`); then the rules and every
// score are read again.

import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { LeadScoringRulesInput, LeadScoringRulesQuery as LeadScoringRulesAnswer } from '@/gql/graphql';
import { execute } from '@/lib/graphql';
import { waitUntil } from '@/lib/poll';

import { leadScoresKey } from './get-lead-scores';

export const LeadScoringRulesQuery = graphql(`
  query LeadScoringRules {
    leadScoringRules {
      version
      sectors {
        sector
        points
      }
      provinces {
        province
        points
      }
      cidbGrades {
        fromGrade
        points
      }
      projectSizes {
        fromValue
        points
      }
      perResponse
      maxResponses
      siteVisitBooked
    }
  }
`);

export const SetLeadScoringRulesMutation = graphql(`
  mutation SetLeadScoringRules($input: LeadScoringRulesInput!) {
    setLeadScoringRules(input: $input) {
      id
      correlationId
    }
  }
`);

export type ScoringRules = LeadScoringRulesAnswer['leadScoringRules'];

export const scoringRulesKey = ['sales', 'lead-scoring-rules'] as const;

export const scoringRulesQueryOptions = () => queryOptions({ queryKey: scoringRulesKey, queryFn: () => execute(LeadScoringRulesQuery) });

export const useScoringRules = () => useQuery(scoringRulesQueryOptions());

/** Every score shown anywhere: the list, each lead's, the campaigns' leads. */
const SCORES = [scoringRulesKey, leadScoresKey, ['sales', 'lead-score'], ['sales', 'campaign-leads']] as const;

/** Replaces the rules of version `version` (the ones on screen). */
export function useSetScoringRules(version: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: LeadScoringRulesInput) => {
      await execute(SetLeadScoringRulesMutation, { input });
      await waitUntil(() => queryClient.fetchQuery({ ...scoringRulesQueryOptions(), staleTime: 0 }), (d) => d.leadScoringRules.version > version);
      await Promise.all(SCORES.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
  });
}
