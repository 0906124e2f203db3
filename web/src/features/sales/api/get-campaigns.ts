import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { CampaignLeadsQuery as CampaignLeadsAnswer, CampaignsQuery as CampaignsAnswer } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

/**
 * Marketing campaigns, latest first, with what each spent and brought: the leads its
 * responses attributed to it, their site visits, the opportunities they became (won,
 * lost), cost per lead (spent ÷ leads, to the cent) and win rate (won ÷ closed, %).
 */
export const CampaignsQuery = graphql(`
  query Campaigns {
    campaigns {
      ...CampaignFigures
    }
  }
`);

export const CampaignQuery = graphql(`
  query Campaign($id: ID!) {
    campaign(id: $id) {
      ...CampaignFigures
    }
  }
`);

export const CampaignFiguresFragment = graphql(`
  fragment CampaignFigures on Campaign {
    id
    name
    channel
    budget
    spent
    startsOn
    endsOn
    segment {
      sectors
      provinces
      minCidbGrade
    }
    status
    closedOn
    leadCount
    siteVisits
    opportunities
    won
    lost
    costPerLead
    winRate
  }
`);

/** The leads a campaign brought, first responders first (a sales rep's own). */
export const CampaignLeadsQuery = graphql(`
  query CampaignLeads($id: ID!) {
    campaignLeads(id: $id) {
      leadId
      companyName
      responses
      siteVisitBooked
      firstResponseOn
      score
    }
  }
`);

export type CampaignRow = CampaignsAnswer['campaigns'][number];
export type CampaignLeadRow = CampaignLeadsAnswer['campaignLeads'][number];

export const campaignsKey = ['sales', 'campaigns'] as const;
export const campaignKey = (id: string) => ['sales', 'campaign', id] as const;
export const campaignLeadsKey = (id: string) => ['sales', 'campaign-leads', id] as const;

export const campaignsQueryOptions = () => queryOptions({ queryKey: campaignsKey, queryFn: () => execute(CampaignsQuery) });

export const campaignQueryOptions = (id: string) =>
  queryOptions({ queryKey: campaignKey(id), queryFn: () => execute(CampaignQuery, { id }), enabled: id !== '' });

export const campaignLeadsQueryOptions = (id: string) =>
  queryOptions({ queryKey: campaignLeadsKey(id), queryFn: () => execute(CampaignLeadsQuery, { id }), enabled: id !== '' });

export const useCampaigns = () => useQuery(campaignsQueryOptions());

/**
 * One campaign. One just planned may not be readable at once: while it answers "none"
 * it is asked again every 750 ms (for 45 s).
 */
export const useCampaign = (id: string) =>
  useQuery({
    ...campaignQueryOptions(id),
    refetchInterval: (query) => (query.state.data?.campaign === null && query.state.dataUpdateCount < 60 ? 750 : false),
  });

export const useCampaignLeads = (id: string) => useQuery(campaignLeadsQueryOptions(id));
