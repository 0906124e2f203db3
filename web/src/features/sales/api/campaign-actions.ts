// Running a campaign: planning it, recording what it cost, a lead's response and closing
// it. Each command is answered before the campaigns' read model has it, so a command
// stays pending until the read model shows it (every 700 ms, 30 s at most, `lib/poll.ts`)
// — the campaign readable, its spend grown by the amount, the lead's responses grown, the
// campaign closed — and then the screens showing it are read again: what they show after
// it is the server's.

import { useMutation, useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { CampaignResponseKind, PlanCampaignInput } from '@/gql/graphql';
import { execute } from '@/lib/graphql';
import { parseRand } from '@/lib/money';
import { waitUntil } from '@/lib/poll';

import { campaignKey, campaignLeadsKey, campaignLeadsQueryOptions, campaignQueryOptions, campaignsKey, type CampaignRow } from './get-campaigns';
import { leadScoreKey, leadScoresKey } from './get-lead-scores';

export const PlanCampaignMutation = graphql(`
  mutation PlanCampaign($input: PlanCampaignInput!) {
    planCampaign(input: $input) {
      id
      correlationId
    }
  }
`);

export const RecordCampaignSpendMutation = graphql(`
  mutation RecordCampaignSpend($campaignId: ID!, $amount: Rand!, $note: String!, $on: NaiveDate!) {
    recordCampaignSpend(campaignId: $campaignId, amount: $amount, note: $note, on: $on) {
      id
      correlationId
    }
  }
`);

export const RecordCampaignResponseMutation = graphql(`
  mutation RecordCampaignResponse($campaignId: ID!, $leadId: ID!, $kind: CampaignResponseKind!, $on: NaiveDate!) {
    recordCampaignResponse(campaignId: $campaignId, leadId: $leadId, kind: $kind, on: $on) {
      id
      correlationId
    }
  }
`);

export const CloseCampaignMutation = graphql(`
  mutation CloseCampaign($campaignId: ID!, $on: NaiveDate!) {
    closeCampaign(campaignId: $campaignId, on: $on) {
      id
      correlationId
    }
  }
`);

export interface SpendValues {
  amount: string;
  note: string;
  on: string;
}

export interface ResponseValues {
  leadId: string;
  kind: CampaignResponseKind;
  on: string;
}

const refresh = (queryClient: QueryClient, keys: readonly QueryKey[]) => Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));

const readCampaign = (queryClient: QueryClient, id: string) => () => queryClient.fetchQuery({ ...campaignQueryOptions(id), staleTime: 0 });

/** Plans a campaign; answers its id once the campaign can be read. */
export function usePlanCampaign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: PlanCampaignInput) => {
      const { planCampaign } = await execute(PlanCampaignMutation, { input });
      await waitUntil(readCampaign(queryClient, planCampaign.id), (d) => Boolean(d.campaign));
      await refresh(queryClient, [campaignsKey]);
      return planCampaign.id;
    },
  });
}

/** Records spend on `campaign` (as shown: what it had spent before). */
export function useRecordCampaignSpend(campaign: Pick<CampaignRow, 'id' | 'spent'>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (values: SpendValues) => {
      await execute(RecordCampaignSpendMutation, { campaignId: campaign.id, ...values });
      const expected = (parseRand(campaign.spent) ?? 0n) + (parseRand(values.amount) ?? 0n);
      await waitUntil(readCampaign(queryClient, campaign.id), (d) => parseRand(d.campaign?.spent ?? '') === expected);
      await refresh(queryClient, [campaignKey(campaign.id), campaignsKey]);
    },
  });
}

/** Records a lead's response to campaign `campaignId`; the lead's score follows. */
export function useRecordCampaignResponse(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (values: ResponseValues) => {
      const readLeads = () => queryClient.fetchQuery({ ...campaignLeadsQueryOptions(campaignId), staleTime: 0 });
      const before = (await readLeads().catch(() => null))?.campaignLeads.find((l) => l.leadId === values.leadId);
      await execute(RecordCampaignResponseMutation, { campaignId, ...values });
      // A site visit booked a second time records nothing: there is nothing to wait for.
      if (!(values.kind === 'SITE_VISIT_BOOKED' && before?.siteVisitBooked)) {
        await waitUntil(readLeads, (d) => d.campaignLeads.some((l) => l.leadId === values.leadId && l.responses > (before?.responses ?? 0)));
      }
      await refresh(queryClient, [campaignLeadsKey(campaignId), campaignKey(campaignId), campaignsKey, leadScoresKey, leadScoreKey(values.leadId)]);
    },
  });
}

/** Closes campaign `campaignId` on a date: it takes no more spend or responses. */
export function useCloseCampaign(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (on: string) => {
      await execute(CloseCampaignMutation, { campaignId, on });
      await waitUntil(readCampaign(queryClient, campaignId), (d) => d.campaign?.status === 'CLOSED');
      await refresh(queryClient, [campaignKey(campaignId), campaignsKey]);
    },
  });
}
