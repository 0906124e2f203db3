// "Plan campaign": its name, channel, budget, period and target segment — sectors,
// provinces and a minimum CIDB grade, each "any" when left out. Checked as the server
// checks it before anything is sent (`marketing-rules.ts`); the server's refusal is shown
// in an alert, in its words, with the field it names marked.

import { Button, Group, MultiSelect, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';

import { ErrorAlert } from '@/components/ui/query-state';
import type { CampaignChannel, PlanCampaignInput, Province, Sector } from '@/gql/graphql';
import { addDays, isoDate } from '@/lib/format';

import { CHANNELS, CIDB_GRADES, planProblems, PROVINCES, SECTORS, serverFields, type PlanField, type PlanValues } from './marketing-rules';

/** A new campaign's defaults: an email campaign from today for 30 days, aimed at anyone. */
export const newPlanValues = (): PlanValues => ({
  name: '',
  channel: 'EMAIL',
  budget: '',
  startsOn: isoDate(),
  endsOn: addDays(isoDate(), 30),
  sectors: [],
  provinces: [],
  minCidbGrade: '',
});

/** The mutation's input from what the form holds. */
export function planInput(v: PlanValues): PlanCampaignInput {
  return {
    name: v.name.trim(),
    channel: v.channel,
    budget: v.budget.trim(),
    startsOn: v.startsOn,
    endsOn: v.endsOn,
    segment: { sectors: v.sectors, provinces: v.provinces, minCidbGrade: v.minCidbGrade ? Number(v.minCidbGrade) : null },
  };
}

export function PlanCampaignForm({
  onSubmit,
  onCancel,
  submitting = false,
  error,
}: {
  onSubmit: (input: PlanCampaignInput) => void;
  onCancel: () => void;
  submitting?: boolean;
  error?: unknown;
}) {
  const [v, setValues] = useState<PlanValues>(newPlanValues);
  const [tried, setTried] = useState(false);
  const [changed, setChanged] = useState(false);
  const set = (patch: Partial<PlanValues>) => {
    setValues((old) => ({ ...old, ...patch }));
    setChanged(true);
  };
  const problems = planProblems(v);
  const server = changed ? {} : serverFields(error, { cidbGrade: 'minCidbGrade' });
  // A problem with what is typed shows at once; a blank required field once submit is tried.
  const shown = (field: PlanField) => {
    const p = problems[field];
    return (p && (tried || p !== 'Required') ? p : undefined) ?? (server[field] ? true : undefined);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (Object.keys(problems).length > 0) return;
    setChanged(false);
    onSubmit(planInput(v));
  };
  return (
    <form aria-label="Plan campaign" noValidate onSubmit={submit}>
      <Stack gap="sm">
        <TextInput label="Name" required value={v.name} onChange={(e) => set({ name: e.currentTarget.value })} error={shown('name')} data-autofocus />
        <SimpleGrid cols={2}>
          <NativeSelect label="Channel" required data={[...CHANNELS]} value={v.channel} onChange={(e) => set({ channel: e.currentTarget.value as CampaignChannel })} error={shown('channel')} />
          <TextInput label="Budget (R)" required inputMode="decimal" description="e.g. 45000.00" value={v.budget} onChange={(e) => set({ budget: e.currentTarget.value })} error={shown('budget')} />
        </SimpleGrid>
        <SimpleGrid cols={2}>
          <TextInput label="Starts on" type="date" required value={v.startsOn} onChange={(e) => set({ startsOn: e.currentTarget.value })} error={shown('startsOn')} />
          <TextInput label="Ends on" type="date" required value={v.endsOn} onChange={(e) => set({ endsOn: e.currentTarget.value })} error={shown('endsOn')} />
        </SimpleGrid>
        <MultiSelect
          label="Sectors"
          description="Any sector when none is chosen"
          data={[...SECTORS]}
          value={v.sectors}
          onChange={(sectors) => set({ sectors: sectors as Sector[] })}
          clearable
          searchable
        />
        <MultiSelect
          label="Provinces"
          description="Anywhere when none is chosen"
          data={[...PROVINCES]}
          value={v.provinces}
          onChange={(provinces) => set({ provinces: provinces as Province[] })}
          clearable
          searchable
        />
        <NativeSelect
          label="Minimum CIDB grade"
          w={220}
          data={[{ value: '', label: 'Any grade' }, ...CIDB_GRADES.map((g) => ({ value: String(g), label: `Grade ${g}` }))]}
          value={v.minCidbGrade}
          onChange={(e) => set({ minCidbGrade: e.currentTarget.value })}
          error={shown('minCidbGrade')}
        />
        {error && !changed ? <ErrorAlert error={error} action="plan campaigns" title="The campaign was not planned" /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={submitting}>
            Plan campaign
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
