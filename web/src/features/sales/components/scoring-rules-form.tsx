// The lead-scoring rules: points per sector and per province (one not listed scores
// nought), CIDB grade bands and project size bands (the highest band a lead reaches
// counts), points per campaign response with how many count at most, and the points of a
// booked site visit. Editable by those who may set them (`sales.settings.write`), shown
// read-only to the others. The browser checks what each field holds (whole points, a
// grade from 1 to 9, an amount in rand); the rules themselves — points within ±100, bands
// rising — are the server's: its refusal is shown in an alert, in its words.

import { ActionIcon, Button, Group, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMemo, useState, type FormEvent } from 'react';

import { ErrorAlert } from '@/components/ui/query-state';
import type { LeadScoringRulesInput, Province, Sector } from '@/gql/graphql';
import { parseRand } from '@/lib/money';

import type { ScoringRules } from '../api/scoring-rules';
import { CIDB_GRADES, PROVINCES, randProblem, SECTORS } from './marketing-rules';

interface GradeBandDraft {
  key: number;
  fromGrade: string;
  points: string;
}

interface SizeBandDraft {
  key: number;
  fromValue: string;
  points: string;
}

export interface RulesDraft {
  sectors: Record<Sector, string>;
  provinces: Record<Province, string>;
  cidbGrades: GradeBandDraft[];
  projectSizes: SizeBandDraft[];
  perResponse: string;
  maxResponses: string;
  siteVisitBooked: string;
}

let nextKey = 0;

/** The form's values from the rules in force (a sector or province not listed: 0). */
export function draftOf(rules: ScoringRules): RulesDraft {
  const sectors = Object.fromEntries(SECTORS.map((s) => [s.value, String(rules.sectors.find((x) => x.sector === s.value)?.points ?? 0)])) as Record<Sector, string>;
  const provinces = Object.fromEntries(PROVINCES.map((p) => [p.value, String(rules.provinces.find((x) => x.province === p.value)?.points ?? 0)])) as Record<Province, string>;
  return {
    sectors,
    provinces,
    cidbGrades: rules.cidbGrades.map((b) => ({ key: nextKey++, fromGrade: String(b.fromGrade), points: String(b.points) })),
    projectSizes: rules.projectSizes.map((b) => ({ key: nextKey++, fromValue: b.fromValue, points: String(b.points) })),
    perResponse: String(rules.perResponse),
    maxResponses: String(rules.maxResponses),
    siteVisitBooked: String(rules.siteVisitBooked),
  };
}

const POINTS = /^-?\d{1,4}$/;
const COUNT = /^\d{1,4}$/;

/** What is wrong with each field, by its name (`sectors.COMMERCIAL`, `cidbGrades[1].points`). */
export function rulesProblems(d: RulesDraft): Record<string, string> {
  const problems: Record<string, string> = {};
  const points = (key: string, text: string) => {
    if (!POINTS.test(text.trim())) problems[key] = 'Whole points, e.g. 10 or -5';
  };
  for (const s of SECTORS) points(`sectors.${s.value}`, d.sectors[s.value]);
  for (const p of PROVINCES) points(`provinces.${p.value}`, d.provinces[p.value]);
  d.cidbGrades.forEach((b, i) => {
    if (!CIDB_GRADES.includes(Number(b.fromGrade))) problems[`cidbGrades[${i}].fromGrade`] = 'A CIDB grade from 1 to 9';
    points(`cidbGrades[${i}].points`, b.points);
  });
  d.projectSizes.forEach((b, i) => {
    const value = randProblem(b.fromValue, false);
    if (value) problems[`projectSizes[${i}].fromValue`] = value;
    points(`projectSizes[${i}].points`, b.points);
  });
  points('perResponse', d.perResponse);
  if (!COUNT.test(d.maxResponses.trim())) problems.maxResponses = 'A whole number, nought or more';
  points('siteVisitBooked', d.siteVisitBooked);
  return problems;
}

/** The mutation's input: sectors and provinces with points (the rest score nought), bands as typed. */
export function rulesInput(d: RulesDraft): LeadScoringRulesInput {
  return {
    sectors: SECTORS.filter((s) => Number(d.sectors[s.value]) !== 0).map((s) => ({ sector: s.value, points: Number(d.sectors[s.value]) })),
    provinces: PROVINCES.filter((p) => Number(d.provinces[p.value]) !== 0).map((p) => ({ province: p.value, points: Number(d.provinces[p.value]) })),
    cidbGrades: d.cidbGrades.map((b) => ({ fromGrade: Number(b.fromGrade), points: Number(b.points) })),
    projectSizes: d.projectSizes.map((b) => ({ fromValue: b.fromValue.trim(), points: Number(b.points) })),
    perResponse: Number(d.perResponse),
    maxResponses: Number(d.maxResponses),
    siteVisitBooked: Number(d.siteVisitBooked),
  };
}

/** Whether two sets of rules score every lead alike (amounts compared in cents). */
function sameRules(a: LeadScoringRulesInput, b: LeadScoringRulesInput): boolean {
  const canonical = (r: LeadScoringRulesInput) =>
    JSON.stringify({ ...r, projectSizes: r.projectSizes.map((s) => ({ fromValue: String(parseRand(s.fromValue)), points: s.points })) });
  return canonical(a) === canonical(b);
}

function PointsTable<K extends string>({
  label,
  header,
  rows,
  values,
  problems,
  prefix,
  readOnly,
  onChange,
}: {
  label: string;
  header: string;
  rows: readonly { value: K; label: string }[];
  values: Record<K, string>;
  problems: Record<string, string>;
  prefix: string;
  readOnly: boolean;
  onChange: (key: K, value: string) => void;
}) {
  return (
    <Table aria-label={label} verticalSpacing={4} withRowBorders={false}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{header}</Table.Th>
          <Table.Th>Points</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.value}>
            <Table.Td>{r.label}</Table.Td>
            <Table.Td>
              <TextInput
                aria-label={`${r.label} points`}
                size="xs"
                w={90}
                inputMode="numeric"
                readOnly={readOnly}
                value={values[r.value]}
                onChange={(e) => onChange(r.value, e.currentTarget.value)}
                error={problems[`${prefix}.${r.value}`]}
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function ScoringRulesForm({
  rules,
  canEdit,
  onSubmit,
  submitting = false,
  error,
}: {
  rules: ScoringRules;
  canEdit: boolean;
  onSubmit: (input: LeadScoringRulesInput) => void;
  submitting?: boolean;
  error?: unknown;
}) {
  const [d, setDraft] = useState<RulesDraft>(() => draftOf(rules));
  const [changed, setChanged] = useState(false);
  const readOnly = !canEdit;
  const set = (patch: Partial<RulesDraft>) => {
    setDraft((old) => ({ ...old, ...patch }));
    setChanged(true);
  };
  const problems = rulesProblems(d);
  const valid = Object.keys(problems).length === 0;
  const inForce = useMemo(() => rulesInput(draftOf(rules)), [rules]);
  const unchanged = valid && sameRules(rulesInput(d), inForce);
  const setGrade = (i: number, patch: Partial<GradeBandDraft>) => set({ cidbGrades: d.cidbGrades.map((b, j) => (j === i ? { ...b, ...patch } : b)) });
  const setSize = (i: number, patch: Partial<SizeBandDraft>) => set({ projectSizes: d.projectSizes.map((b, j) => (j === i ? { ...b, ...patch } : b)) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid || unchanged) return;
    setChanged(false);
    onSubmit(rulesInput(d));
  };
  return (
    <form aria-label="Scoring rules" noValidate onSubmit={submit}>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
          <PointsTable label="Points per sector" header="Sector" rows={SECTORS} values={d.sectors} problems={problems} prefix="sectors" readOnly={readOnly} onChange={(k, v) => set({ sectors: { ...d.sectors, [k]: v } })} />
          <PointsTable label="Points per province" header="Province" rows={PROVINCES} values={d.provinces} problems={problems} prefix="provinces" readOnly={readOnly} onChange={(k, v) => set({ provinces: { ...d.provinces, [k]: v } })} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
          <Stack gap={4}>
            <Table aria-label="CIDB grade bands" verticalSpacing={4} withRowBorders={false}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>From grade</Table.Th>
                  <Table.Th>Points</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.cidbGrades.map((b, i) => (
                  <Table.Tr key={b.key}>
                    <Table.Td>
                      <NativeSelect
                        aria-label={`Grade band ${i + 1} from grade`}
                        size="xs"
                        w={110}
                        disabled={readOnly}
                        data={CIDB_GRADES.map((g) => ({ value: String(g), label: `Grade ${g}` }))}
                        value={b.fromGrade}
                        onChange={(e) => setGrade(i, { fromGrade: e.currentTarget.value })}
                        error={problems[`cidbGrades[${i}].fromGrade`]}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput aria-label={`Grade band ${i + 1} points`} size="xs" w={90} inputMode="numeric" readOnly={readOnly} value={b.points} onChange={(e) => setGrade(i, { points: e.currentTarget.value })} error={problems[`cidbGrades[${i}].points`]} />
                    </Table.Td>
                    <Table.Td>
                      {canEdit ? (
                        <ActionIcon variant="subtle" color="red" aria-label={`Remove grade band ${i + 1}`} onClick={() => set({ cidbGrades: d.cidbGrades.filter((_, j) => j !== i) })}>
                          ×
                        </ActionIcon>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {canEdit ? (
              <Group>
                <Button size="compact-xs" variant="light" onClick={() => set({ cidbGrades: [...d.cidbGrades, { key: nextKey++, fromGrade: '9', points: '0' }] })}>
                  Add grade band
                </Button>
              </Group>
            ) : null}
          </Stack>
          <Stack gap={4}>
            <Table aria-label="Project size bands" verticalSpacing={4} withRowBorders={false}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>From estimated value (R)</Table.Th>
                  <Table.Th>Points</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.projectSizes.map((b, i) => (
                  <Table.Tr key={b.key}>
                    <Table.Td>
                      <TextInput aria-label={`Size band ${i + 1} from value (R)`} size="xs" w={160} inputMode="decimal" readOnly={readOnly} value={b.fromValue} onChange={(e) => setSize(i, { fromValue: e.currentTarget.value })} error={problems[`projectSizes[${i}].fromValue`]} />
                    </Table.Td>
                    <Table.Td>
                      <TextInput aria-label={`Size band ${i + 1} points`} size="xs" w={90} inputMode="numeric" readOnly={readOnly} value={b.points} onChange={(e) => setSize(i, { points: e.currentTarget.value })} error={problems[`projectSizes[${i}].points`]} />
                    </Table.Td>
                    <Table.Td>
                      {canEdit ? (
                        <ActionIcon variant="subtle" color="red" aria-label={`Remove size band ${i + 1}`} onClick={() => set({ projectSizes: d.projectSizes.filter((_, j) => j !== i) })}>
                          ×
                        </ActionIcon>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {canEdit ? (
              <Group>
                <Button size="compact-xs" variant="light" onClick={() => set({ projectSizes: [...d.projectSizes, { key: nextKey++, fromValue: '', points: '0' }] })}>
                  Add size band
                </Button>
              </Group>
            ) : null}
          </Stack>
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label="Points per response" inputMode="numeric" readOnly={readOnly} value={d.perResponse} onChange={(e) => set({ perResponse: e.currentTarget.value })} error={problems.perResponse} />
          <TextInput label="Most responses counted" inputMode="numeric" readOnly={readOnly} value={d.maxResponses} onChange={(e) => set({ maxResponses: e.currentTarget.value })} error={problems.maxResponses} />
          <TextInput label="Site visit booked (points)" inputMode="numeric" readOnly={readOnly} value={d.siteVisitBooked} onChange={(e) => set({ siteVisitBooked: e.currentTarget.value })} error={problems.siteVisitBooked} />
        </SimpleGrid>
        {canEdit ? (
          <>
            <Text size="xs" c="dimmed">
              The server takes points within ±100 either way and bands that rise, each from a higher grade or value than the one before. New rules score every lead again.
            </Text>
            {error && !changed ? <ErrorAlert error={error} action="set the lead-scoring rules" title="The rules were not saved" /> : null}
            <Group justify="flex-end">
              <Button type="submit" loading={submitting} disabled={!valid || unchanged}>
                Save rules
              </Button>
            </Group>
          </>
        ) : null}
      </Stack>
    </form>
  );
}
