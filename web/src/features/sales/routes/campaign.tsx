// A campaign (`/sales/campaigns/:id`): its figures — cost per lead and win rate first —,
// channel, period, target segment and status; the leads it brought (company, responses,
// site visit, first response, score — a link to the lead's score explained). While it is
// active: "Record response" for those who work leads (`sales.opportunities.write`),
// "Record spend" and "Close campaign" for those who run campaigns
// (`sales.settings.write`). A campaign just planned is asked for again until it can be
// read (`api/get-campaigns.ts`).

import { Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useParams } from 'react-router';

import { DataTable, type Column } from '@/components/ui/data-table';
import { AppLink } from '@/components/ui/link';
import { Page, Section } from '@/components/ui/page';
import { Empty, Loading, QueryState } from '@/components/ui/query-state';
import { formatRand } from '@/lib/format';
import { usePermissions } from '@/lib/permissions/authorization';

import { useCloseCampaign, useRecordCampaignResponse, useRecordCampaignSpend } from '../api/campaign-actions';
import { campaignKey, useCampaign, useCampaignLeads, type CampaignLeadRow, type CampaignRow } from '../api/get-campaigns';
import { useLeadScores } from '../api/get-lead-scores';
import { CampaignFigureCards, CampaignStatus } from '../components/campaign-figures';
import { CloseForm, ResponseForm, SpendForm } from '../components/campaign-forms';
import { channelLabel, provinceLabel, sectorLabel } from '../components/marketing-rules';

const LEAD_COLUMNS: Column<CampaignLeadRow>[] = [
  { key: 'company', header: 'Company', cell: (l) => <AppLink to={`/sales/lead-scores/${l.leadId}`}>{l.companyName ?? l.leadId}</AppLink> },
  { key: 'responses', header: 'Responses', numeric: true, cell: (l) => l.responses },
  { key: 'visit', header: 'Site visit', cell: (l) => (l.siteVisitBooked ? 'booked' : '—') },
  { key: 'first', header: 'First response', cell: (l) => l.firstResponseOn },
  {
    key: 'score',
    header: 'Score',
    numeric: true,
    cell: (l) => (l.score === null || l.score === undefined ? '—' : <AppLink to={`/sales/lead-scores/${l.leadId}`} aria-label={`Score of ${l.companyName ?? l.leadId}: ${l.score}`}>{l.score}</AppLink>),
  },
];

/** A button that opens its form in a modal; `done` is said under it once the form succeeds. */
function Command({ label, color, done, onOpen, children }: { label: string; color?: string; done: string | null; onOpen: () => void; children: (close: () => void) => ReactNode }) {
  const [opened, setOpened] = useState(false);
  return (
    <Stack gap={2} align="flex-end">
      <Button
        variant="light"
        color={color}
        onClick={() => {
          onOpen();
          setOpened(true);
        }}
      >
        {label}
      </Button>
      {done ? (
        <Text role="status" size="xs">
          {done}
        </Text>
      ) : null}
      <Modal opened={opened} onClose={() => setOpened(false)} title={label}>
        {opened ? children(() => setOpened(false)) : null}
      </Modal>
    </Stack>
  );
}

function RecordSpend({ campaign }: { campaign: CampaignRow }) {
  const spend = useRecordCampaignSpend(campaign);
  const [done, setDone] = useState<string | null>(null);
  return (
    <Command label="Record spend" done={done} onOpen={spend.reset}>
      {(close) => (
        <SpendForm
          submitting={spend.isPending}
          error={spend.error}
          onCancel={close}
          onSubmit={(v) =>
            spend.mutate(v, {
              onSuccess: () => {
                setDone(`Spend of ${formatRand(v.amount)} recorded.`);
                close();
              },
            })
          }
        />
      )}
    </Command>
  );
}

function RecordResponse({ campaign }: { campaign: CampaignRow }) {
  const respond = useRecordCampaignResponse(campaign.id);
  const leads = useLeadScores();
  const [done, setDone] = useState<string | null>(null);
  return (
    <Command label="Record response" done={done} onOpen={respond.reset}>
      {(close) => (
        <ResponseForm
          leads={leads.data?.leadScores ?? []}
          submitting={respond.isPending}
          error={respond.error}
          onCancel={close}
          onSubmit={(v) =>
            respond.mutate(v, {
              onSuccess: () => {
                const lead = leads.data?.leadScores.find((l) => l.leadId === v.leadId);
                setDone(`Response of ${lead?.companyName ?? v.leadId} recorded.`);
                close();
              },
            })
          }
        />
      )}
    </Command>
  );
}

function CloseCampaign({ campaign }: { campaign: CampaignRow }) {
  const closeCampaign = useCloseCampaign(campaign.id);
  return (
    <Command label="Close campaign" color="red" done={null} onOpen={closeCampaign.reset}>
      {(close) => <CloseForm name={campaign.name} submitting={closeCampaign.isPending} error={closeCampaign.error} onCancel={close} onSubmit={(on) => closeCampaign.mutate(on, { onSuccess: close })} />}
    </Command>
  );
}

const any = (items: readonly string[], label: (value: string) => string, none: string) => (items.length === 0 ? none : items.map(label).join(', '));

function Details({ campaign: c }: { campaign: CampaignRow }) {
  const row = (label: string, value: ReactNode) => (
    <Table.Tr>
      <Table.Th>{label}</Table.Th>
      <Table.Td>{value}</Table.Td>
    </Table.Tr>
  );
  return (
    <Table aria-label="Campaign details" w="auto" withRowBorders={false}>
      <Table.Tbody>
        {row('Status', <CampaignStatus status={c.status} />)}
        {row('Channel', channelLabel(c.channel))}
        {row('Period', `${c.startsOn} – ${c.endsOn}`)}
        {c.closedOn ? row('Closed on', c.closedOn) : null}
        {row('Sectors', any(c.segment.sectors, sectorLabel, 'any sector'))}
        {row('Provinces', any(c.segment.provinces, provinceLabel, 'anywhere'))}
        {row('Minimum CIDB grade', c.segment.minCidbGrade ? `Grade ${c.segment.minCidbGrade}` : 'any grade')}
      </Table.Tbody>
    </Table>
  );
}

function Campaign({ campaign }: { campaign: CampaignRow }) {
  const { can } = usePermissions();
  const leads = useCampaignLeads(campaign.id);
  const active = campaign.status !== 'CLOSED';
  return (
    <Stack gap="lg">
      <CampaignFigureCards campaign={campaign} />
      <Group justify="space-between" align="flex-start">
        <Details campaign={campaign} />
        {active ? (
          <Group align="flex-start">
            {can('sales.opportunities.write') ? <RecordResponse campaign={campaign} /> : null}
            {can('sales.settings.write') ? (
              <>
                <RecordSpend campaign={campaign} />
                <CloseCampaign campaign={campaign} />
              </>
            ) : null}
          </Group>
        ) : null}
      </Group>
      <Section title="Leads">
        <QueryState query={leads} action="read the campaign's leads" isEmpty={(d) => d.campaignLeads.length === 0} empty="No lead has responded yet.">
          {(d) => <DataTable label="Campaign leads" columns={LEAD_COLUMNS} rows={d.campaignLeads} rowKey={(l) => l.leadId} rowLabel={(l) => l.companyName ?? l.leadId} />}
        </QueryState>
      </Section>
    </Stack>
  );
}

export function CampaignRoute() {
  const { id = '' } = useParams();
  const campaign = useCampaign(id);
  const queryClient = useQueryClient();
  return (
    <Page title={campaign.data?.campaign?.name ?? 'Campaign'} actions={<AppLink to="/sales/campaigns">All campaigns</AppLink>}>
      <QueryState query={campaign} action="read the campaign">
        {(d) =>
          d.campaign ? (
            <Campaign campaign={d.campaign} />
          ) : (queryClient.getQueryState(campaignKey(id))?.dataUpdateCount ?? 0) < 60 ? (
            <Loading label="Waiting for the campaign…" />
          ) : (
            <Empty>No such campaign.</Empty>
          )
        }
      </QueryState>
    </Page>
  );
}
