// A campaign's figures the same way everywhere: the list's columns, and the detail's
// cards — cost per lead and win rate first — over the same numbers. Cost per lead is
// spent ÷ leads to the cent and win rate won ÷ (won + lost) in percent to one place, as
// the server works them out; neither is known before there are leads, or closed
// opportunities.

import { Badge, Paper, SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';

import type { Column } from '@/components/ui/data-table';
import { AppLink } from '@/components/ui/link';
import { Money } from '@/components/ui/money';
import { formatRand } from '@/lib/format';

import type { CampaignRow } from '../api/get-campaigns';
import { channelLabel } from './marketing-rules';

/** `12.5` → `12.5%`; none yet → `—`. */
export const percent = (value: string | null | undefined) => (value === null || value === undefined || value === '' ? '—' : `${value}%`);

export function CampaignStatus({ status }: { status: string }) {
  return (
    <Badge color={status === 'CLOSED' ? 'gray' : 'green'} variant="light">
      {status === 'CLOSED' ? 'closed' : 'active'}
    </Badge>
  );
}

const costPerLead = (c: CampaignRow) => (c.costPerLead ? <Money amount={c.costPerLead} /> : '—');

export const CAMPAIGN_COLUMNS: Column<CampaignRow>[] = [
  { key: 'name', header: 'Campaign', cell: (c) => <AppLink to={`/sales/campaigns/${c.id}`}>{c.name}</AppLink> },
  { key: 'channel', header: 'Channel', cell: (c) => channelLabel(c.channel) },
  { key: 'period', header: 'Period', cell: (c) => <Text span inherit style={{ whiteSpace: 'nowrap' }}>{`${c.startsOn} – ${c.endsOn}`}</Text> },
  { key: 'budget', header: 'Budget', numeric: true, cell: (c) => <Money amount={c.budget} /> },
  { key: 'spent', header: 'Spent', numeric: true, cell: (c) => <Money amount={c.spent} /> },
  { key: 'leads', header: 'Leads', numeric: true, cell: (c) => c.leadCount },
  { key: 'visits', header: 'Site visits', numeric: true, cell: (c) => c.siteVisits },
  { key: 'opportunities', header: 'Opportunities', numeric: true, cell: (c) => c.opportunities },
  { key: 'won-lost', header: 'Won / lost', numeric: true, cell: (c) => `${c.won} / ${c.lost}` },
  { key: 'cpl', header: 'Cost per lead', numeric: true, cell: (c) => <Text span inherit fw={700}>{costPerLead(c)}</Text> },
  { key: 'win-rate', header: 'Win rate', numeric: true, cell: (c) => <Text span inherit fw={700}>{percent(c.winRate)}</Text> },
  { key: 'status', header: 'Status', cell: (c) => <CampaignStatus status={c.status} /> },
];

function Figure({ label, hint, strong = false, children }: { label: string; hint: string; strong?: boolean; children: ReactNode }) {
  return (
    <Paper withBorder p="sm" radius="md" aria-label={label} role="group" bg={strong ? 'var(--mantine-color-blue-light)' : undefined}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size={strong ? 'xl' : 'lg'} fw={700}>
        {children}
      </Text>
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
    </Paper>
  );
}

export function CampaignFigureCards({ campaign: c }: { campaign: CampaignRow }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
      <Figure label="Cost per lead" hint="spent ÷ leads" strong>
        {costPerLead(c)}
      </Figure>
      <Figure label="Win rate" hint="won ÷ (won + lost)" strong>
        {percent(c.winRate)}
      </Figure>
      <Figure label="Spent" hint={`of a ${formatRand(c.budget)} budget`}>
        <Money amount={c.spent} />
      </Figure>
      <Figure label="Leads" hint="attributed by a first response">
        {c.leadCount}
      </Figure>
      <Figure label="Site visits" hint="booked, once per lead">
        {c.siteVisits}
      </Figure>
      <Figure label="Opportunities" hint="won / lost">
        {c.opportunities} <Text span size="sm" c="dimmed">({c.won} / {c.lost})</Text>
      </Figure>
    </SimpleGrid>
  );
}
