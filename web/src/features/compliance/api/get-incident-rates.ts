import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { IncidentRatesQuery as RatesAnswer } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

/** Every project's incidents, lost-time injuries, hours worked and LTIFR. */
export const IncidentRatesQuery = graphql(`
  query IncidentRates {
    incidentRates {
      projectId
      incidents
      lostTimeInjuries
      daysLost
      hoursWorked
      ltifr
    }
  }
`);

export type IncidentRateRow = RatesAnswer['incidentRates'][number];

export const incidentRatesKey = ['compliance', 'incident-rates'] as const;

export const incidentRatesQueryOptions = () => queryOptions({ queryKey: incidentRatesKey, queryFn: () => execute(IncidentRatesQuery) });

export const useIncidentRates = () => useQuery(incidentRatesQueryOptions());
