import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { EquipmentQuery as EquipmentResult, EquipmentUtilisationQuery as UtilisationResult } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

export const EquipmentQuery = graphql(`
  query Equipment($projectId: ID, $overdueOnly: Boolean!) {
    equipment(projectId: $projectId, overdueOnly: $overdueOnly) {
      code
      description
      category
      serialNumber
      ownership
      meterKind
      dailyRate
      meter
      meterReadOn
      projectId
      outSince
      lastServiceOn
      serviceDueMeter
      serviceDueOn
      serviceOverdue
    }
  }
`);

export const EquipmentUtilisationQuery = graphql(`
  query EquipmentUtilisation($projectId: ID) {
    equipmentUtilisation(projectId: $projectId) {
      code
      projectId
      spells
      days
      charge
    }
  }
`);

export type EquipmentRow = EquipmentResult['equipment'][number];
export type EquipmentHireRow = UtilisationResult['equipmentUtilisation'][number];

export const equipmentKey = ['inventory', 'equipment'] as const;
export const utilisationKey = ['inventory', 'equipment-utilisation'] as const;

export const equipmentQueryOptions = (overdueOnly = false) =>
  queryOptions({ queryKey: [...equipmentKey, { overdueOnly }], queryFn: () => execute(EquipmentQuery, { projectId: null, overdueOnly }) });

export const utilisationQueryOptions = (projectId: string | null = null) =>
  queryOptions({ queryKey: [...utilisationKey, { projectId }], queryFn: () => execute(EquipmentUtilisationQuery, { projectId }) });

/** The register by code (at most 500), or only what is overdue for service today. */
export const useEquipment = (overdueOnly = false) => useQuery(equipmentQueryOptions(overdueOnly));

/** Spells out, days and charges per item and project (or of one project). */
export const useEquipmentUtilisation = (projectId: string | null = null) => useQuery(utilisationQueryOptions(projectId));
