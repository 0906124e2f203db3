// The stock commands — receive, issue, reserve, adjust — and what follows each: the
// stock read model is built by a projection, so a command is answered before its effect
// can be read. After it is accepted the position is read again every 700 ms until it
// shows the command's effect (on hand or reserved moved by exactly the command's
// quantity from what was read just before it was sent), for at most 30 seconds; then
// the stock levels and the position's stock card are invalidated, so every screen
// showing them asks again. (A position's first receipt opens it first: a row with
// nothing on hand can appear a moment before the receipt lands, hence the exact check
// rather than "anything changed".)
//
// `releaseReservation` has no screen yet: the stock card lists receipts, issues and
// adjustments only, so no reservation id is on screen to release (see docs/web.md).

import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { AdjustmentReason, IssueStockInput } from '@/gql/graphql';
import { execute } from '@/lib/graphql';
import { addDecimal, compareDecimal, parseDecimal, type Exact } from '@/lib/money';

import { stockLevelsKey, stockLevelsQueryOptions, type StockLevelRow } from './get-stock-levels';
import { stockMovementsKey } from './get-stock-movements';

export const ReceiveStockMutation = graphql(`
  mutation ReceiveStock($product: String!, $location: String!, $quantity: Decimal!, $unitCost: Decimal!, $reference: String!) {
    receiveStock(product: $product, location: $location, quantity: $quantity, unitCost: $unitCost, reference: $reference) {
      id
      correlationId
    }
  }
`);

export const IssueStockMutation = graphql(`
  mutation IssueStock($input: IssueStockInput!) {
    issueStock(input: $input) {
      id
      correlationId
    }
  }
`);

export const ReserveStockMutation = graphql(`
  mutation ReserveStock($product: String!, $location: String!, $quantity: Decimal!, $purpose: String!) {
    reserveStock(product: $product, location: $location, quantity: $quantity, purpose: $purpose) {
      id
      correlationId
    }
  }
`);

export const AdjustStockMutation = graphql(`
  mutation AdjustStock($product: String!, $location: String!, $delta: Decimal!, $reason: AdjustmentReason!, $note: String!) {
    adjustStock(product: $product, location: $location, delta: $delta, reason: $reason, note: $note) {
      id
      correlationId
    }
  }
`);

/** A stock position: a product (SKU) at a location. */
export interface Position {
  product: string;
  location: string;
}

export interface ReceiveStockValues extends Position {
  quantity: string;
  unitCost: string;
  reference: string;
}

export type IssueStockValues = IssueStockInput;

export interface ReserveStockValues extends Position {
  quantity: string;
  purpose: string;
}

export interface AdjustStockValues extends Position {
  delta: string;
  reason: AdjustmentReason;
  note: string;
}

/** What a command does to its position once it lands: `field` moves by `by` (signed). */
interface Effect {
  field: 'onHand' | 'reserved';
  by: string;
}

const EVERY_MS = 700;
const AT_MOST_MS = 30_000;
const ZERO: Exact = { digits: 0n, scale: 0 };

const read = (text: string | undefined) => (text === undefined ? ZERO : (parseDecimal(text) ?? ZERO));

/** Whether `row` shows `effect` applied to `before` (`undefined`: unknown, so any row will do). */
function shows(row: StockLevelRow | null, before: StockLevelRow | null | undefined, effect: Effect): boolean {
  if (!row) return false;
  if (before === undefined) return true;
  const expected = addDecimal(read(before?.[effect.field]), read(effect.by));
  return compareDecimal(read(row[effect.field]), expected) === 0;
}

/** Reads `position` until `settled`, then has the levels and its stock card read again. */
export function refreshPosition(queryClient: QueryClient, position: Position, settled: (row: StockLevelRow | null) => boolean) {
  const started = Date.now();
  const poll = async () => {
    let done = false;
    try {
      const data = await queryClient.fetchQuery({ ...stockLevelsQueryOptions(position), staleTime: 0 });
      done = settled(data.stockLevels[0] ?? null);
    } catch {
      // Asked again below, until the time is up.
    }
    if (done || Date.now() - started >= AT_MOST_MS) {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: stockLevelsKey }),
        queryClient.invalidateQueries({ queryKey: stockMovementsKey(position.product, position.location) }),
      ]);
      return;
    }
    window.setTimeout(() => void poll(), EVERY_MS);
  };
  void poll();
}

/** A stock command on the position its variables name, refreshing that position when it lands. */
function useStockCommand<TVariables extends Position, TResult>(run: (variables: TVariables) => Promise<TResult>, effect: (variables: TVariables) => Effect) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    // The position as it is just before the command: what its effect is measured from.
    onMutate: async (variables: TVariables): Promise<StockLevelRow | null | undefined> => {
      try {
        const data = await queryClient.fetchQuery({ ...stockLevelsQueryOptions(variables), staleTime: 0 });
        return data.stockLevels[0] ?? null;
      } catch {
        return undefined;
      }
    },
    onSuccess: (_data, variables, before) => {
      const position = { product: variables.product, location: variables.location };
      refreshPosition(queryClient, position, (row) => shows(row, before, effect(variables)));
    },
  });
}

const negated = (quantity: string) => (quantity.startsWith('-') ? quantity.slice(1) : `-${quantity}`);

export const useReceiveStock = () =>
  useStockCommand((v: ReceiveStockValues) => execute(ReceiveStockMutation, v), (v) => ({ field: 'onHand', by: v.quantity }));

export const useIssueStock = () =>
  useStockCommand((input: IssueStockValues) => execute(IssueStockMutation, { input }), (v) => ({ field: 'onHand', by: negated(v.quantity) }));

export const useReserveStock = () =>
  useStockCommand((v: ReserveStockValues) => execute(ReserveStockMutation, v), (v) => ({ field: 'reserved', by: v.quantity }));

export const useAdjustStock = () =>
  useStockCommand((v: AdjustStockValues) => execute(AdjustStockMutation, v), (v) => ({ field: 'onHand', by: v.delta }));
