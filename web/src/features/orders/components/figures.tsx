// The project's money in one place: cards and a bar chart (over the same numbers, and
// labelled with them for screen readers): contract value, budget, earned value, committed
// (approved purchase orders), actual cost (finance's postings), claimed and retention.

import '@mantine/charts/styles.css';

import { BarChart } from '@mantine/charts';
import { Box, Paper, SimpleGrid, Text } from '@mantine/core';

import { Money } from '@/components/ui/money';
import { formatCents } from '@/lib/format';
import { parseRand } from '@/lib/money';

import type { ProjectDetail } from '../api/get-project';

type Figures = NonNullable<ProjectDetail['figures']>;

const SHOWN: { key: keyof Figures; label: string; hint: string }[] = [
  { key: 'contractValue', label: 'Contract value', hint: 'with approved variations' },
  { key: 'budget', label: 'Budget', hint: 'Σ task budgets' },
  { key: 'earnedValue', label: 'Earned value', hint: 'Σ budget × percent complete' },
  { key: 'committed', label: 'Committed', hint: 'approved purchase orders' },
  { key: 'actual', label: 'Actual cost', hint: 'finance’s postings to the project' },
  { key: 'claimedToDate', label: 'Claimed to date', hint: 'approved claims' },
  { key: 'retentionHeld', label: 'Retention held', hint: 'withheld, not yet released' },
];

/** Shown as a card, not a bar (a forecast, not money spent or earned). */
const FORECAST = { key: 'forecastAtCompletion' as const, label: 'Forecast at completion', hint: 'budget ÷ (earned value ÷ actual cost)' };

function Card({ label, hint, children }: { label: string; hint: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p="sm" radius="md" aria-label={label} role="group">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="lg" fw={700}>
        {children}
      </Text>
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
    </Paper>
  );
}

export function ProjectFigures({ figures }: { figures: Figures }) {
  const data = SHOWN.map((f) => ({ figure: f.label, Rand: Number(parseRand(figures[f.key]) ?? 0n) / 100 }));
  const summary = SHOWN.map((f) => `${f.label} ${formatCents(parseRand(figures[f.key]) ?? 0n)}`).join('; ');
  return (
    <>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }}>
        {SHOWN.map((f) => (
          <Card key={f.key} label={f.label} hint={f.hint}>
            <Money amount={figures[f.key]} />
          </Card>
        ))}
        <Card label={FORECAST.label} hint={FORECAST.hint}>
          <Money amount={figures[FORECAST.key]} />
        </Card>
      </SimpleGrid>
      <Box role="img" aria-label={`Project figures, excl. VAT. ${summary}`}>
        <BarChart
          h={240}
          data={data}
          dataKey="figure"
          yAxisProps={{ width: 130 }}
          valueFormatter={(v) => formatCents(BigInt(Math.round(v * 100)))}
          series={[{ name: 'Rand', color: 'blue.6' }]}
        />
      </Box>
    </>
  );
}
