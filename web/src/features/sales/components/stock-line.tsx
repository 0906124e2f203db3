// The live stock check of one builder line: nothing to check for a service line or
// without a location ("not checked"); "checking…" while inventory is asked; then its
// answer — or "unconfirmed" with the reason when the check fails or takes too long,
// which is what the server would save for that line. A failing check never stops the
// form.

import { describeError, fieldMessage, GraphqlRequestError } from '@/lib/errors';

import { useStockCheck, type StockQuestion } from '../api/stock-check';
import { StockBadge } from './stock-badge';

/** Why a live check could not say, in words for the user. */
export function stockCheckReason(error: unknown): string {
  if (error instanceof GraphqlRequestError) {
    // Inventory's own words for an unknown product or location.
    if ((error.code === 'NOT_FOUND' || error.code === 'BAD_USER_INPUT') && error.message) return fieldMessage(error.message).message;
    if (error.code === 'FORBIDDEN') return 'your role may not check stock';
    return describeError(error, 'check stock');
  }
  return describeError(error, 'check stock');
}

export function LiveStock({ product, location, quantity, by }: { product: string; location: string; quantity: string; by: string }) {
  const question: StockQuestion | null = product && location && quantity && by ? { product, location, quantity, by } : null;
  const check = useStockCheck(question);
  if (!question) return <StockBadge answer={{ status: 'NOT_CHECKED' }} />;
  if (check.waiting) return <StockBadge answer={{ status: 'CHECKING' }} />;
  if (check.error) return <StockBadge answer={{ status: 'UNCONFIRMED', reason: stockCheckReason(check.error) }} />;
  const answer = check.data?.stockCheck;
  if (!answer) return <StockBadge answer={{ status: 'CHECKING' }} />;
  return <StockBadge answer={answer} />;
}
