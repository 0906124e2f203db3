import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { ProjectQuery as ProjectAnswer } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

/** One project with everything its dashboard and tabs show. */
export const ProjectQuery = graphql(`
  query Project($id: ID!) {
    project(id: $id) {
      id
      code
      name
      customerAccountId
      siteId
      siteName
      startsOn
      status
      contract {
        contractType
        contractValue
        retentionPercent
        retentionCapPercent
        releaseAtPracticalPercent
        plannedCompletionOn
      }
      figures {
        contractValue
        budget
        earnedValue
        committed
        actual
        forecastAtCompletion
        approvedVariations
        claimedToDate
        retentionHeld
        retentionReleased
      }
      billOfQuantities {
        item
        description
        unit
        quantity
        rate
        amount
        costCode
        percentToDate
        claimedToDate
      }
      workItems {
        code
        name
        kind
        parent
        plannedStart
        plannedFinish
        costCode
        budget
        percentComplete
        actualStart
        actualFinish
        after
      }
      variations {
        number
        description
        amount
        costCode
        status
        reason
        proposedAt
        decidedAt
      }
      claims {
        claimId
        claimNumber
        periodEnd
        status
        amount
        retention
        retentionPercent
        vat
        dueNow
        submittedAt
        decidedOn
        reason
        invoiceId
        invoiceNumber
        lines {
          item
          description
          percentToDate
          valueToDate
          previouslyClaimed
          amount
        }
      }
      retentionReleases {
        releaseId
        releasedOn
        stage
        amount
      }
    }
  }
`);

export type ProjectDetail = NonNullable<ProjectAnswer['project']>;
export type WorkItemRow = ProjectDetail['workItems'][number];
export type BoqRow = ProjectDetail['billOfQuantities'][number];
export type ClaimRow = ProjectDetail['claims'][number];
export type VariationRow = ProjectDetail['variations'][number];

export const projectKey = (id: string) => ['orders', 'project', id] as const;

export const projectQueryOptions = (id: string) => queryOptions({ queryKey: projectKey(id), queryFn: () => execute(ProjectQuery, { id }) });

/** How long an approved claim's tax invoice is waited for, in refreshes 2 s apart. */
const INVOICE_WAITS = 90;

/**
 * The project; while it is missing (opened a moment ago, or just assigned, and not yet
 * in the read model) it is asked again every 750 ms for 45 seconds. While an approved
 * claim's tax invoice is still being issued in finance it is asked again every 2 s
 * (for three minutes at most), so its number appears without a reload.
 */
export const useProject = (id: string) =>
  useQuery({
    ...projectQueryOptions(id),
    refetchInterval: (query) => {
      const asked = query.state.dataUpdateCount + query.state.errorUpdateCount;
      const missing = query.state.status === 'error' || query.state.data?.project === null;
      if (missing) return asked < 60 ? 750 : false;
      const invoicing = query.state.data?.project?.claims.some((c) => c.status === 'APPROVED' && !c.invoiceNumber) ?? false;
      return invoicing && asked < INVOICE_WAITS ? 2_000 : false;
    },
  });
