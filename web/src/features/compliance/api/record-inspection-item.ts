import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { RecordInspectionItemMutationVariables } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

import { settleInspection } from './inspection-refresh';

/** Records one item's result: a failure needs a note and a severity; a HIGH one stops the area. */
export const RecordInspectionItemMutation = graphql(`
  mutation RecordInspectionItem($inspectionId: ID!, $itemCode: String!, $result: ItemResult!, $note: String!, $photos: [String!]!, $severity: Severity) {
    recordInspectionItem(inspectionId: $inspectionId, itemCode: $itemCode, result: $result, note: $note, photos: $photos, severity: $severity) {
      id
      correlationId
    }
  }
`);

export type ItemAnswer = Omit<RecordInspectionItemMutationVariables, 'inspectionId'>;

/**
 * Records an item; settles once the inspection shows that item with that result (and a
 * failure's severity), and — for a HIGH failure — the area stopped: the command's events
 * reach the read model one by one, so the item can be read before the stop is.
 */
export function useRecordInspectionItem(inspectionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (answer: ItemAnswer) => {
      await execute(RecordInspectionItemMutation, { inspectionId, ...answer });
      const failed = answer.result === 'FAIL';
      await settleInspection(
        queryClient,
        inspectionId,
        (i) =>
          i.items.some(
            (item) =>
              item.itemCode === answer.itemCode &&
              item.result === answer.result &&
              item.note === answer.note &&
              (!failed || item.severity === answer.severity),
          ) && (!failed || answer.severity !== 'HIGH' || i.stopped),
      );
    },
  });
}
