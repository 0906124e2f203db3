// Recording what is known of a lead — its sector, the province of the work, its CIDB
// grade (a field left out is cleared) — which sales scores it on. The command is answered
// before the lead's score is recomputed, so it stays pending until `leadScore(leadId)`
// shows the new facts (every 700 ms, 30 s at most, `lib/poll.ts`); then the scores are
// read again.

import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { Province, Sector } from '@/gql/graphql';
import { execute } from '@/lib/graphql';
import { waitUntil } from '@/lib/poll';

import { leadScoreKey, leadScoreQueryOptions, leadScoresKey } from './get-lead-scores';

export const ProfileLeadMutation = graphql(`
  mutation ProfileLead($leadId: ID!, $sector: Sector, $province: Province, $cidbGrade: Int) {
    profileLead(leadId: $leadId, sector: $sector, province: $province, cidbGrade: $cidbGrade) {
      id
      correlationId
    }
  }
`);

export interface LeadProfile {
  sector: Sector | null;
  province: Province | null;
  cidbGrade: number | null;
}

/** The scores of campaigns' leads, which show each lead's score too. */
const campaignLeadsPrefix = ['sales', 'campaign-leads'] as const;

export function useProfileLead(leadId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (profile: LeadProfile) => {
      await execute(ProfileLeadMutation, { leadId, ...profile });
      await waitUntil(
        () => queryClient.fetchQuery({ ...leadScoreQueryOptions(leadId), staleTime: 0 }),
        ({ leadScore: s }) => Boolean(s) && (s?.sector ?? null) === profile.sector && (s?.province ?? null) === profile.province && (s?.cidbGrade ?? null) === profile.cidbGrade,
      );
      await Promise.all([leadScoreKey(leadId), leadScoresKey, campaignLeadsPrefix].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
  });
}
