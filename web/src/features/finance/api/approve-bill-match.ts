// A finance manager releases a bill its three-way match blocked, with the reason. The
// bill's read model follows the command a moment later, so the bill is read again every
// 700 ms until it shows the approval (30 s at most), and the list once more.

import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

import { billKey } from './get-bill';
import type { BillDetail } from './get-bill';

export const ApproveBillMatchMutation = graphql(`
  mutation ApproveBillMatch($billId: ID!, $reason: String!) {
    approveBillMatch(billId: $billId, reason: $reason) {
      id
    }
  }
`);

const EVERY_MS = 700;
const AT_MOST_MS = 30_000;

export function useApproveBillMatch(billId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => execute(ApproveBillMatchMutation, { billId, reason }),
    onSuccess: () => {
      const started = Date.now();
      const poll = async () => {
        await queryClient.invalidateQueries({ queryKey: billKey(billId) });
        const bill = queryClient.getQueryData<{ bill: BillDetail | null }>(billKey(billId))?.bill;
        if (!bill?.matchApproval && Date.now() - started < AT_MOST_MS) window.setTimeout(() => void poll(), EVERY_MS);
        else void queryClient.invalidateQueries({ queryKey: ['finance', 'bills'] });
      };
      void poll();
    },
  });
}
