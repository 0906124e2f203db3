import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

export const ProjectCostReportQuery = graphql(`
  query ProjectCostReport($asAt: NaiveDate!) {
    projectCostReport(asAt: $asAt) {
      asAt
      lines {
        projectId
        costCode
        budget
        actual
        committed
        variance
      }
      totalBudget
      totalActual
      totalCommitted
      totalVariance
      revenue
    }
    projects {
      id
      code
      name
    }
  }
`);

export const projectCostsQueryOptions = (asAt: string) =>
  queryOptions({
    queryKey: ['finance', 'project-costs', asAt],
    queryFn: () => execute(ProjectCostReportQuery, { asAt }),
  });

export const useProjectCosts = (asAt: string) => useQuery(projectCostsQueryOptions(asAt));
