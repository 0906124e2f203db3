// Stock by location: every position's on hand, reserved, available, average unit cost
// and value, filtered by location and product (kept in the URL: `?location=…&product=…`,
// the product matched as typed, in part, any case), the value held per location, and
// the stock commands for those who may move stock.

import { Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useSearchParams } from 'react-router';

import { Page, Section } from '@/components/ui/page';
import { Empty, QueryState } from '@/components/ui/query-state';

import { useStockLevels, type StockLevelRow } from '../api/get-stock-levels';
import { StockActions } from '../components/stock-actions';
import type { PositionSuggestions } from '../components/stock-form';
import { LocationTotalsTable, StockLevelsTable } from '../components/stock-table';

const distinct = (values: string[]) => [...new Set(values)].sort((a, b) => a.localeCompare(b));

export const suggestionsFrom = (rows: readonly StockLevelRow[]): PositionSuggestions => ({
  products: distinct(rows.map((r) => r.product)),
  locations: distinct(rows.map((r) => r.location)),
});

export function StockRoute() {
  const [params, setParams] = useSearchParams();
  const location = params.get('location') ?? '';
  const product = params.get('product') ?? '';
  const levels = useStockLevels();
  const rows = levels.data?.stockLevels ?? [];
  const setFilter = (key: string, value: string) =>
    setParams(
      (old) => {
        const next = new URLSearchParams(old);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const suggestions = suggestionsFrom(rows);
  const wanted = product.trim().toLowerCase();
  const shown = rows.filter((r) => (!location || r.location === location) && (!wanted || r.product.toLowerCase().includes(wanted)));
  return (
    <Page
      title="Stock by location"
      description="What each store holds, valued at weighted average cost (rand excl. VAT). Available is on hand less reserved."
      actions={<StockActions position={location ? { location } : undefined} suggestions={suggestions} />}
    >
      <Group align="flex-end">
        <NativeSelect
          label="Location"
          data={[{ value: '', label: 'All locations' }, ...suggestions.locations.map((l) => ({ value: l, label: l }))]}
          value={location}
          onChange={(e) => setFilter('location', e.currentTarget.value)}
        />
        <TextInput label="Product" placeholder="SKU, or part of one" value={product} onChange={(e) => setFilter('product', e.currentTarget.value)} />
      </Group>
      <QueryState query={levels} action="read stock levels" isEmpty={(d) => d.stockLevels.length === 0} empty="No stock has been received yet.">
        {() =>
          shown.length === 0 ? (
            <Empty>No stock matches.</Empty>
          ) : (
            <Stack gap="lg">
              <StockLevelsTable rows={shown} />
              <Section title="Value by location">
                <LocationTotalsTable rows={shown} />
              </Section>
            </Stack>
          )
        }
      </QueryState>
    </Page>
  );
}
