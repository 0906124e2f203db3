// The live stock check of a quote line while it is edited: inventory's `stockCheck`,
// asked 400 ms after the line's product, quantity, location or date last changed. An
// answer that does not come within 4 s counts as an error; the line then shows
// "unconfirmed" with the reason, as the server would save it — the form goes on.

import { useDebouncedValue } from '@mantine/hooks';
import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

export const StockCheckQuery = graphql(`
  query StockCheck($product: String!, $location: String!, $quantity: Decimal!, $by: NaiveDate!) {
    stockCheck(product: $product, location: $location, quantity: $quantity, by: $by) {
      product
      location
      quantity
      status
      available
      inTransit
      shortfall
    }
  }
`);

export const STOCK_CHECK_DEBOUNCE_MS = 400;
export const STOCK_CHECK_TIMEOUT_MS = 4000;

export interface StockQuestion {
  product: string;
  location: string;
  quantity: string;
  by: string;
}

/** Rejects with "inventory did not answer within N s" when `promise` takes longer than `ms`. */
export function withinTime<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`inventory did not answer within ${ms / 1000} s`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export const stockCheckQueryOptions = (question: StockQuestion | null) =>
  queryOptions({
    queryKey: ['inventory', 'stock-check', question],
    queryFn: () => withinTime(execute(StockCheckQuery, question as StockQuestion), STOCK_CHECK_TIMEOUT_MS),
    enabled: question !== null,
    retry: false,
    staleTime: 5_000,
  });

/** The stock check of a line (`null`: nothing to check), debounced. */
export function useStockCheck(question: StockQuestion | null) {
  const [settled] = useDebouncedValue(question, STOCK_CHECK_DEBOUNCE_MS);
  // Until the debounce settles on what is typed now, the answer is for something else.
  const current = JSON.stringify(settled) === JSON.stringify(question);
  const query = useQuery(stockCheckQueryOptions(current ? settled : null));
  return { ...query, waiting: question !== null && (!current || query.isFetching) };
}
