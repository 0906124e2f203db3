// What inventory said about a quote line's stock, as a badge: available, in transit,
// short by N (red), unconfirmed with the reason (inventory down, slow, or refusing), or
// not checked (a service line, or no supply location). The same badge shows the live
// check while a line is edited and the answer stored with a saved version.

import { Badge, Text } from '@mantine/core';

import { formatDecimal, parseDecimal } from '@/lib/money';

export type StockStatus = 'NOT_CHECKED' | 'AVAILABLE' | 'IN_TRANSIT' | 'SHORT' | 'UNCONFIRMED' | 'CHECKING';

export interface StockAnswer {
  status: string;
  available?: string | null;
  inTransit?: string | null;
  shortfall?: string | null;
  reason?: string | null;
}

/** A quantity without trailing zeros ("99000.000" → "99000"). */
const plain = (value: string | null | undefined) => {
  const exact = value ? parseDecimal(value) : null;
  return exact ? formatDecimal(exact) : (value ?? '?');
};

/** The badge's words: "available", "in transit", "short by 99 000", "unconfirmed — …". */
export function stockWords(answer: StockAnswer): string {
  switch (answer.status) {
    case 'AVAILABLE':
      return 'available';
    case 'IN_TRANSIT':
      return 'in transit';
    case 'SHORT':
      return `short by ${plain(answer.shortfall)}`;
    case 'UNCONFIRMED':
      return `unconfirmed — ${answer.reason ?? 'inventory could not say'}`;
    case 'CHECKING':
      return 'checking…';
    default:
      return 'not checked';
  }
}

const COLOR: Record<string, string> = {
  AVAILABLE: 'green',
  IN_TRANSIT: 'yellow',
  SHORT: 'red',
  UNCONFIRMED: 'orange',
  CHECKING: 'gray',
};

export function StockBadge({ answer }: { answer: StockAnswer }) {
  const words = stockWords(answer);
  const detail =
    answer.status === 'AVAILABLE' && answer.available
      ? `${plain(answer.available)} available`
      : answer.status === 'IN_TRANSIT' && answer.inTransit
        ? `${plain(answer.available ?? '0')} available, ${plain(answer.inTransit)} on its way`
        : answer.status === 'SHORT' && answer.available
          ? `${plain(answer.available)} available`
          : null;
  return (
    <span>
      <Badge
        variant="light"
        color={COLOR[answer.status] ?? 'gray'}
        tt="none"
        h="auto"
        py={2}
        styles={{ label: { whiteSpace: 'normal', overflow: 'visible', textOverflow: 'clip' } }}
      >
        {words}
      </Badge>
      {detail ? (
        <Text span size="xs" c="dimmed" ml={6}>
          {detail}
        </Text>
      ) : null}
    </span>
  );
}
