// A lead's profile — the client's sector, the province of the work and its CIDB grade —
// which marketing records in sales and the lead is scored on. A field left as "not known"
// is cleared. The server's refusal is shown in an alert, in its words.

import { Button, Group, NativeSelect, SimpleGrid, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';

import { ErrorAlert } from '@/components/ui/query-state';
import type { Province, Sector } from '@/gql/graphql';

import type { LeadProfile } from '../api/profile-lead';
import { CIDB_GRADES, PROVINCES, SECTORS } from './marketing-rules';

export function ProfileForm({
  initial,
  onSubmit,
  submitting = false,
  error,
}: {
  initial: LeadProfile;
  onSubmit: (profile: LeadProfile) => void;
  submitting?: boolean;
  error?: unknown;
}) {
  const [sector, setSector] = useState<string>(initial.sector ?? '');
  const [province, setProvince] = useState<string>(initial.province ?? '');
  const [grade, setGrade] = useState<string>(initial.cidbGrade === null ? '' : String(initial.cidbGrade));
  const [changed, setChanged] = useState(false);
  const change = (set: (value: string) => void) => (e: { currentTarget: { value: string } }) => {
    set(e.currentTarget.value);
    setChanged(true);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChanged(false);
    onSubmit({ sector: (sector || null) as Sector | null, province: (province || null) as Province | null, cidbGrade: grade ? Number(grade) : null });
  };
  return (
    <form aria-label="Profile" noValidate onSubmit={submit}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NativeSelect label="Sector" data={[{ value: '', label: 'Not known' }, ...SECTORS]} value={sector} onChange={change(setSector)} />
          <NativeSelect label="Province" data={[{ value: '', label: 'Not known' }, ...PROVINCES]} value={province} onChange={change(setProvince)} />
          <NativeSelect label="CIDB grade" data={[{ value: '', label: 'Not known' }, ...CIDB_GRADES.map((g) => ({ value: String(g), label: `Grade ${g}` }))]} value={grade} onChange={change(setGrade)} />
        </SimpleGrid>
        {error && !changed ? <ErrorAlert error={error} action="profile leads" title="The profile was not saved" /> : null}
        <Group justify="flex-end">
          <Button type="submit" loading={submitting}>
            Save profile
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
