// Leads by score, best first (a sales rep's own): company (a link to its score
// explained), score, status, sector, province, CIDB grade, campaign responses and whether
// a site visit is booked; the scoring rules a link away.

import { Badge } from '@mantine/core';

import { DataTable, type Column } from '@/components/ui/data-table';
import { AppLink } from '@/components/ui/link';
import { Page } from '@/components/ui/page';
import { QueryState } from '@/components/ui/query-state';
import { humanize } from '@/lib/format';

import { MAX_LEAD_SCORES, useLeadScores, type LeadScoreRow } from '../api/get-lead-scores';
import { provinceLabel, sectorLabel } from '../components/marketing-rules';

const COLUMNS: Column<LeadScoreRow>[] = [
  { key: 'company', header: 'Company', cell: (l) => <AppLink to={`/sales/lead-scores/${l.leadId}`}>{l.companyName ?? l.leadId}</AppLink> },
  {
    key: 'score',
    header: 'Score',
    numeric: true,
    cell: (l) => (
      <Badge variant="light" size="lg" color={l.score >= 50 ? 'green' : l.score >= 25 ? 'blue' : 'gray'}>
        {l.score}
      </Badge>
    ),
  },
  { key: 'status', header: 'Status', cell: (l) => (l.status ? humanize(l.status) : '') },
  { key: 'sector', header: 'Sector', cell: (l) => sectorLabel(l.sector) || '—' },
  { key: 'province', header: 'Province', cell: (l) => provinceLabel(l.province) || '—' },
  { key: 'grade', header: 'CIDB grade', numeric: true, cell: (l) => l.cidbGrade ?? '—' },
  { key: 'responses', header: 'Responses', numeric: true, cell: (l) => l.responses },
  { key: 'visit', header: 'Site visit', cell: (l) => (l.siteVisitBooked ? 'booked' : '—') },
];

export function LeadScoresRoute() {
  const scores = useLeadScores(MAX_LEAD_SCORES);
  return (
    <Page
      title="Lead scores"
      description="Leads best first: fit (sector, province, CIDB grade, project size) and engagement (campaign responses, a booked site visit), each factor explained on the lead's score."
      actions={<AppLink to="/sales/scoring-rules">Scoring rules</AppLink>}
    >
      <QueryState query={scores} action="read lead scores" isEmpty={(d) => d.leadScores.length === 0} empty="No leads scored yet.">
        {(d) => <DataTable label="Lead scores" columns={COLUMNS} rows={d.leadScores} rowKey={(l) => l.leadId} rowLabel={(l) => l.companyName ?? l.leadId} minWidth={900} />}
      </QueryState>
    </Page>
  );
}
