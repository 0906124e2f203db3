import { graphql } from '@/gql';
import type { BoqLineIn } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

import { useProjectMutation } from './project-mutation';

export const SetBillOfQuantitiesMutation = graphql(`
  mutation SetBillOfQuantities($projectId: ID!, $lines: [BoqLineIn!]!) {
    setBillOfQuantities(projectId: $projectId, lines: $lines) {
      id
    }
  }
`);

/** Replaces the bill of quantities (until a claim is approved). */
export const useSetBillOfQuantities = (projectId: string) =>
  useProjectMutation(projectId, (lines: BoqLineIn[]) => execute(SetBillOfQuantitiesMutation, { projectId, lines }));
