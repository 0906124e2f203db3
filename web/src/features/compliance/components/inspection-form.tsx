// "New inspection": the checklist, the site (its id), an optional project, the area and
// the date (today to start with), checked before anything is sent; the server's refusal
// above the button.

import { Button, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';

import { ErrorAlert } from '@/components/ui/query-state';
import type { StartInspectionMutationVariables } from '@/gql/graphql';
import { isoDate } from '@/lib/format';

import type { InspectionTemplate } from '../api/get-inspection-templates';

export function InspectionForm({
  templates,
  submitting,
  error,
  onSubmit,
  onCancel,
}: {
  templates: readonly InspectionTemplate[];
  submitting: boolean;
  error: unknown;
  onSubmit: (variables: StartInspectionMutationVariables) => void;
  onCancel: () => void;
}) {
  const [template, setTemplate] = useState(templates[0]?.code ?? '');
  const [siteId, setSiteId] = useState('');
  const [projectId, setProjectId] = useState('');
  const [area, setArea] = useState('');
  const [on, setOn] = useState(isoDate());
  const [tried, setTried] = useState(false);
  const need = (value: string, message: string) => (tried && !value.trim() ? message : null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!template || !siteId.trim() || !area.trim() || !on) return;
    onSubmit({ template, siteId: siteId.trim(), projectId: projectId.trim() || null, area: area.trim(), on });
  };
  return (
    <form onSubmit={submit} aria-label="New inspection" noValidate>
      <Stack gap="sm">
        <NativeSelect label="Checklist" required data={templates.map((t) => ({ value: t.code, label: t.name }))} value={template} onChange={(e) => setTemplate(e.currentTarget.value)} />
        <TextInput label="Site id" required value={siteId} onChange={(e) => setSiteId(e.currentTarget.value)} error={need(siteId, 'Which site?')} />
        <TextInput label="Project (optional)" description="Its id" value={projectId} onChange={(e) => setProjectId(e.currentTarget.value)} />
        <TextInput label="Area" required value={area} onChange={(e) => setArea(e.currentTarget.value)} error={need(area, 'Which area of the site?')} />
        <TextInput label="Inspected on" type="date" required value={on} onChange={(e) => setOn(e.currentTarget.value)} error={need(on, 'A date is needed.')} />
        {error ? <ErrorAlert error={error} action="start inspections" title="Not started" /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={submitting}>
            Start inspection
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
