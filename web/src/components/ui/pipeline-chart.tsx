import '@mantine/charts/styles.css';

import { BarChart } from '@mantine/charts';
import { Box } from '@mantine/core';

import { formatCents } from '@/lib/format';
import { humanize } from '@/lib/format';
import { parseRand } from '@/lib/money';

export const STAGES = ['QUALIFICATION', 'SITE_VISIT', 'TENDER', 'NEGOTIATION', 'WON', 'LOST'] as const;

/** The estimated value of the pipeline by stage, as bars. */
export function PipelineChart({ opportunities }: { opportunities: { stage: string; estimatedValue?: string | null }[] }) {
  const data = STAGES.map((stage) => {
    const cents = opportunities
      .filter((o) => o.stage === stage)
      .reduce((sum, o) => sum + (parseRand(o.estimatedValue ?? '0') ?? 0n), 0n);
    return { stage: humanize(stage), Value: Number(cents) / 100, count: opportunities.filter((o) => o.stage === stage).length };
  });
  const summary = data.map((d) => `${d.stage}: ${d.count} worth ${formatCents(BigInt(Math.round(d.Value * 100)))}`).join('; ');
  return (
    <Box role="img" aria-label={`Pipeline by stage. ${summary}`}>
      <BarChart
        h={240}
        data={data}
        dataKey="stage"
        yAxisProps={{ width: 130 }}
        valueFormatter={(v) => formatCents(BigInt(Math.round(v * 100)))}
        series={[{ name: 'Value', color: 'blue.6' }]}
      />
    </Box>
  );
}
