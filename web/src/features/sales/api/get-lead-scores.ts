import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { LeadScoreQuery as LeadScoreAnswer, LeadScoresQuery as LeadScoresAnswer } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

/** Leads by score, best first (a sales rep's own), with the facts they were scored on. */
export const LeadScoresQuery = graphql(`
  query LeadScores($first: Int!) {
    leadScores(first: $first) {
      leadId
      companyName
      owner
      status
      estimatedValue
      sector
      province
      cidbGrade
      responses
      siteVisitBooked
      score
      rulesVersion
    }
  }
`);

/** One lead's score explained factor by factor, and the rules' version it was scored by. */
export const LeadScoreQuery = graphql(`
  query LeadScore($leadId: ID!) {
    leadScore(leadId: $leadId) {
      leadId
      companyName
      owner
      status
      estimatedValue
      sector
      province
      cidbGrade
      responses
      siteVisitBooked
      score
      factors {
        factor
        value
        points
        explanation
      }
      rulesVersion
    }
  }
`);

export type LeadScoreRow = LeadScoresAnswer['leadScores'][number];
export type LeadScoreDetail = NonNullable<LeadScoreAnswer['leadScore']>;
export type ScoreFactorRow = LeadScoreDetail['factors'][number];

/** The most leads `leadScores` answers. */
export const MAX_LEAD_SCORES = 200;

export const leadScoresKey = ['sales', 'lead-scores'] as const;
export const leadScoreKey = (leadId: string) => ['sales', 'lead-score', leadId] as const;

export const leadScoresQueryOptions = (first: number = MAX_LEAD_SCORES) =>
  queryOptions({ queryKey: [...leadScoresKey, { first }], queryFn: () => execute(LeadScoresQuery, { first }) });

export const leadScoreQueryOptions = (leadId: string) =>
  queryOptions({ queryKey: leadScoreKey(leadId), queryFn: () => execute(LeadScoreQuery, { leadId }), enabled: leadId !== '' });

export const useLeadScores = (first: number = MAX_LEAD_SCORES, enabled = true) => useQuery({ ...leadScoresQueryOptions(first), enabled });

export const useLeadScore = (leadId: string) => useQuery(leadScoreQueryOptions(leadId));
