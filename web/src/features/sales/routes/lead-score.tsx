// A lead's score explained (`/sales/lead-scores/:leadId`): one row per factor — the fact
// it was scored on, its points, why — and the total, with the version of the rules it was
// scored by. Those who work leads (`sales.opportunities.write`) record the lead's profile
// here (sector, province, CIDB grade); the score is read again once it shows the new
// facts (`api/profile-lead.ts`).

import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useParams } from 'react-router';

import { AppLink } from '@/components/ui/link';
import { Money } from '@/components/ui/money';
import { Page, Section } from '@/components/ui/page';
import { Empty, QueryState } from '@/components/ui/query-state';
import { humanize } from '@/lib/format';
import { Authorization } from '@/lib/permissions/authorization';

import { useLeadScore, type LeadScoreDetail } from '../api/get-lead-scores';
import { useProfileLead } from '../api/profile-lead';
import { ProfileForm } from '../components/profile-form';
import { ScoreFactorsTable } from '../components/score-factors';

function Profile({ lead }: { lead: LeadScoreDetail }) {
  const profile = useProfileLead(lead.leadId);
  const [done, setDone] = useState<string | null>(null);
  const initial = { sector: lead.sector ?? null, province: lead.province ?? null, cidbGrade: lead.cidbGrade ?? null };
  return (
    <Section title="Profile">
      <ProfileForm
        key={`${initial.sector}:${initial.province}:${initial.cidbGrade}`}
        initial={initial}
        submitting={profile.isPending}
        error={profile.error}
        onSubmit={(p) => {
          setDone(null);
          profile.mutate(p, { onSuccess: () => setDone('Profile saved; the lead is scored on it.') });
        }}
      />
      {done ? (
        <Text role="status" size="sm">
          {done}
        </Text>
      ) : null}
    </Section>
  );
}

function Score({ lead }: { lead: LeadScoreDetail }) {
  const row = (label: string, value: ReactNode) => (
    <Table.Tr>
      <Table.Th>{label}</Table.Th>
      <Table.Td>{value}</Table.Td>
    </Table.Tr>
  );
  return (
    <Stack gap="lg">
      <Group align="flex-start" gap="xl">
        <Stack gap={0} role="group" aria-label="Score">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Score
          </Text>
          <Text size="2rem" fw={700}>
            {lead.score}
          </Text>
        </Stack>
        <Table aria-label="Lead details" w="auto" withRowBorders={false}>
          <Table.Tbody>
            {row('Status', lead.status ? <Badge variant="light">{humanize(lead.status)}</Badge> : '')}
            {row('Owner', lead.owner ?? '')}
            {row('Estimated value', lead.estimatedValue ? <Money amount={lead.estimatedValue} /> : 'not known')}
          </Table.Tbody>
        </Table>
      </Group>
      <Section title="Factors">
        <ScoreFactorsTable factors={lead.factors} total={lead.score} />
        <Text size="xs" c="dimmed" aria-label="Rules version">
          Scored by the rules of version {lead.rulesVersion}
          {lead.rulesVersion === 0 ? ' (the defaults)' : ''} — <AppLink to="/sales/scoring-rules">the scoring rules</AppLink>.
        </Text>
      </Section>
      <Authorization allowed="sales.opportunities.write">
        <Profile lead={lead} />
      </Authorization>
    </Stack>
  );
}

export function LeadScoreRoute() {
  const { leadId = '' } = useParams();
  const score = useLeadScore(leadId);
  const name = score.data?.leadScore?.companyName;
  return (
    <Page title={name ? `Score: ${name}` : 'Lead score'} actions={<AppLink to="/sales/lead-scores">All lead scores</AppLink>}>
      <QueryState query={score} action="read the lead's score">
        {(d) => (d.leadScore ? <Score lead={d.leadScore} /> : <Empty>No score for this lead (it may not exist, or it is not yours to see).</Empty>)}
      </QueryState>
    </Page>
  );
}
