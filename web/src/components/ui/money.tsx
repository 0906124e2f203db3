import { Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';

import { formatCents, formatRand } from '@/lib/format';

const noWrap = { whiteSpace: 'nowrap' as const, fontVariantNumeric: 'tabular-nums' as const };

/** A rand amount: `R 1 234 567.89`, never wrapped. */
export function Money({ amount, cents }: { amount?: string | null; cents?: bigint | null }) {
  const text = cents !== undefined && cents !== null ? formatCents(cents) : formatRand(amount);
  return (
    <Text span inherit style={noWrap}>
      {text}
    </Text>
  );
}

/** A right-aligned table cell holding a number. */
export function NumberCell({ children }: { children: ReactNode }) {
  return (
    <Table.Td ta="right" style={noWrap}>
      {children}
    </Table.Td>
  );
}

/** A right-aligned table heading over numbers. */
export function NumberTh({ children }: { children: ReactNode }) {
  return (
    <Table.Th ta="right" style={noWrap}>
      {children}
    </Table.Th>
  );
}
