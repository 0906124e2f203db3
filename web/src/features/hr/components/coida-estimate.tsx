// The COIDA assessment estimate: an assessment year (whose earnings limits the server
// has; named by the February it ends in) and the employer's tariff — rand per R100 of
// earnings, from the notice of assessment (W.As.6) — checked before anything is asked
// (`tariffProblem`). The answer: each employee's earnings in the year and what of them
// is assessable (up to the year's maximum), their totals, the figure at the tariff, the
// minimum assessment and the assessment. The arithmetic is the server's; a refusal is
// shown in its words, with the field it names marked.

import { Button, Group, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';

import { Money, NumberCell, NumberTh } from '@/components/ui/money';
import { ErrorAlert, Loading } from '@/components/ui/query-state';
import type { CoidaEstimateQueryVariables } from '@/gql/graphql';
import { fieldErrors } from '@/lib/errors';
import { formatRand, isoDate } from '@/lib/format';
import { compareDecimal, parseDecimal } from '@/lib/money';

import { useCoidaEstimate, type CoidaEstimate } from '../api/get-coida-estimate';
import { plainDecimal } from './labels';

/** The assessment years whose earnings limits the server has, newest first. */
export const COIDA_YEARS = [2026, 2025] as const;

/** 2026 → "2026 (Mar 2025 – Feb 2026)". */
export const coidaYearLabel = (year: number) => `${year} (Mar ${year - 1} – Feb ${year})`;

/** The assessment year a date falls in: March onwards belongs to the next February's. */
export function assessmentYearOf(iso: string): number {
  const [y = 0, m = 1] = iso.split('-').map(Number);
  return m >= 3 ? y + 1 : y;
}

/** The most decimal places a tariff may have. */
export const TARIFF_SCALE = 4;

const HUNDRED = { digits: 100n, scale: 0 };

/** What is wrong with a tariff as typed; `undefined` when it may be sent. */
export function tariffProblem(text: string): string | undefined {
  const tariff = text.trim();
  if (!tariff) return 'Required: the tariff on your notice of assessment';
  const exact = parseDecimal(tariff);
  if (!exact || exact.scale > TARIFF_SCALE) return `A number with at most ${TARIFF_SCALE} decimal places, e.g. 1.25`;
  if (exact.digits <= 0n || compareDecimal(exact, HUNDRED) >= 0) return 'More than 0 and less than 100';
  return undefined;
}

function Lines({ estimate }: { estimate: CoidaEstimate }) {
  if (estimate.lines.length === 0) {
    return (
      <Text c="dimmed" role="status">
        No approved or paid runs in this assessment year.
      </Text>
    );
  }
  return (
    <Table aria-label="COIDA earnings" striped verticalSpacing="xs" maw={720}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Employee</Table.Th>
          <NumberTh>Earnings</NumberTh>
          <NumberTh>Assessable</NumberTh>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {estimate.lines.map((l) => (
          <Table.Tr key={l.employeeId} aria-label={l.name}>
            <Table.Td>{l.name}</Table.Td>
            <NumberCell>
              <Money amount={l.earnings} />
            </NumberCell>
            <NumberCell>
              <Money amount={l.assessable} />
            </NumberCell>
          </Table.Tr>
        ))}
      </Table.Tbody>
      <Table.Tfoot>
        <Table.Tr aria-label="Total">
          <Table.Th>Total</Table.Th>
          <NumberCell>
            <Text span inherit fw={700}>
              <Money amount={estimate.earnings} />
            </Text>
          </NumberCell>
          <NumberCell>
            <Text span inherit fw={700}>
              <Money amount={estimate.assessableEarnings} />
            </Text>
          </NumberCell>
        </Table.Tr>
      </Table.Tfoot>
    </Table>
  );
}

function Summary({ estimate }: { estimate: CoidaEstimate }) {
  const rows: [string, string][] = [
    ['Assessment year', `${estimate.assessmentYear} (${estimate.startsOn} – ${estimate.endsOn})`],
    ['Tariff (R per R100)', plainDecimal(estimate.tariffPerHundred)],
    ['Earnings', formatRand(estimate.earnings)],
    ['Assessable earnings', formatRand(estimate.assessableEarnings)],
    ['At tariff', formatRand(estimate.atTariff)],
    ['Maximum earnings per employee', formatRand(estimate.maximumEarnings)],
    ['Minimum assessment', formatRand(estimate.minimumAssessment)],
    ['Assessment', formatRand(estimate.assessment)],
  ];
  return (
    <Table aria-label="COIDA assessment" withTableBorder maw={720}>
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th scope="row" w={280}>
              {label}
            </Table.Th>
            <Table.Td fw={label === 'Assessment' ? 700 : undefined}>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Answer({ estimate }: { estimate: CoidaEstimate }) {
  return (
    <Stack gap="sm">
      <Lines estimate={estimate} />
      <Summary estimate={estimate} />
      {estimate.minimumApplied ? (
        <Text size="sm" fw={500}>
          The minimum assessment applies: the tariff gives {formatRand(estimate.atTariff)}, less than {formatRand(estimate.minimumAssessment)}.
        </Text>
      ) : null}
      <Text size="xs" c="dimmed">
        {estimate.source}
      </Text>
    </Stack>
  );
}

export function CoidaEstimatePanel() {
  const thisYear = assessmentYearOf(isoDate());
  const [year, setYear] = useState<number>(COIDA_YEARS.find((y) => y === thisYear) ?? COIDA_YEARS[0]);
  const [tariff, setTariff] = useState('');
  const [tried, setTried] = useState(false);
  const [changed, setChanged] = useState(false);
  const [asked, setAsked] = useState<CoidaEstimateQueryVariables | null>(null);
  const estimate = useCoidaEstimate(asked);
  const problem = tariffProblem(tariff);
  const server = changed ? {} : fieldErrors(estimate.error);
  // A problem with what is typed shows at once; a blank tariff once submit is tried.
  const tariffError = (problem && (tried || !problem.startsWith('Required')) ? problem : undefined) ?? (server.tariffPerHundred ? true : undefined);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (problem) return;
    setChanged(false);
    setAsked({ year, tariffPerHundred: tariff.trim() });
  };
  return (
    <Stack gap="sm">
      <form aria-label="COIDA estimate" noValidate onSubmit={submit}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} maw={720}>
            <NativeSelect
              label="Assessment year"
              description="1 March to the end of February, named by the February"
              data={COIDA_YEARS.map((y) => ({ value: String(y), label: coidaYearLabel(y) }))}
              value={String(year)}
              onChange={(e) => {
                setYear(Number(e.currentTarget.value));
                setChanged(true);
              }}
              error={server.year ? true : undefined}
            />
            <TextInput
              label="Tariff (R per R100)"
              required
              inputMode="decimal"
              description="From your notice of assessment (W.As.6), e.g. 1.25"
              value={tariff}
              onChange={(e) => {
                setTariff(e.currentTarget.value);
                setChanged(true);
              }}
              error={tariffError}
            />
          </SimpleGrid>
          <Group maw={720} justify="flex-end">
            <Button type="submit" variant="light" loading={asked !== null && estimate.isFetching}>
              Estimate
            </Button>
          </Group>
        </Stack>
      </form>
      {asked === null ? null : estimate.error ? (
        <ErrorAlert error={estimate.error} action="estimate the COIDA assessment" title="The estimate was refused" />
      ) : estimate.data ? (
        <Answer estimate={estimate.data.coidaEstimate} />
      ) : (
        <Loading label="Estimating…" />
      )}
    </Stack>
  );
}
