// One checklist item on a phone: its text and regulation, then Pass / Fail / N/A as
// three big full-width buttons. Pass and N/A are sent at once; Fail opens what a finding
// needs — what failed (a note), the severity (HIGH stops the area) and an optional photo
// (a document id) — and is sent only once the note and the severity are there. The
// server's refusal is shown under the item in its words.

import { Button, Card, Group, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';

import { ErrorAlert } from '@/components/ui/query-state';
import type { ItemResult, Severity } from '@/gql/graphql';
import { humanize } from '@/lib/format';

import type { ItemAnswer } from '../api/record-inspection-item';
import { ResultBadge, SEVERITIES } from './labels';

export interface ChecklistEntryProps {
  code: string;
  text: string;
  regulation: string;
}

export interface RecordedResult {
  result?: ItemResult | null;
  severity?: Severity | null;
  note: string;
  photos: readonly string[];
}

const CHOICES: { value: ItemResult; label: string; color: string }[] = [
  { value: 'PASS', label: 'Pass', color: 'green' },
  { value: 'FAIL', label: 'Fail', color: 'red' },
  { value: 'NOT_APPLICABLE', label: 'N/A', color: 'gray' },
];

export function ChecklistItem({
  entry,
  recorded,
  readOnly = false,
  pending = false,
  error,
  onSend,
}: {
  entry: ChecklistEntryProps;
  recorded?: RecordedResult;
  /** Completed, or the caller may not inspect: the result is shown, not asked. */
  readOnly?: boolean;
  pending?: boolean;
  error?: unknown;
  onSend: (answer: ItemAnswer) => void;
}) {
  const [choice, setChoice] = useState<ItemResult | null>(recorded?.result ?? null);
  const [note, setNote] = useState(recorded?.note ?? '');
  const [severity, setSeverity] = useState<Severity | null>(recorded?.severity ?? null);
  const [photo, setPhoto] = useState(recorded?.photos[0] ?? '');
  const [tried, setTried] = useState(false);

  const titleId = `item-${entry.code}`;
  const choose = (value: ItemResult) => {
    setChoice(value);
    setTried(false);
    if (value !== 'FAIL') onSend({ itemCode: entry.code, result: value, note: '', photos: [], severity: null });
  };
  const noteError = tried && !note.trim() ? 'Say what failed.' : null;
  const severityError = tried && !severity ? 'Choose how serious it is.' : null;
  const sendFailure = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!note.trim() || !severity) return;
    onSend({ itemCode: entry.code, result: 'FAIL', note: note.trim(), photos: photo.trim() ? [photo.trim()] : [], severity });
  };

  return (
    <Card withBorder padding="sm" component="article" aria-labelledby={titleId}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Text fw={600} id={titleId} style={{ overflowWrap: 'anywhere' }}>
            {entry.code} {entry.text}
          </Text>
          {pending ? (
            <Text size="sm" c="dimmed">
              Saving…
            </Text>
          ) : (
            <ResultBadge result={recorded?.result} severity={recorded?.severity} />
          )}
        </Group>
        <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {entry.regulation}
        </Text>
        {readOnly ? (
          recorded?.note ? <Text size="sm">{recorded.note}</Text> : null
        ) : (
          <>
            <SimpleGrid cols={3} spacing="xs" role="group" aria-label={`Result of ${entry.code}`}>
              {CHOICES.map((c) => (
                <Button
                  key={c.value}
                  size="lg"
                  fullWidth
                  px={4}
                  color={c.color}
                  variant={choice === c.value ? 'filled' : 'default'}
                  aria-pressed={choice === c.value}
                  disabled={pending}
                  onClick={() => choose(c.value)}
                >
                  {c.label}
                </Button>
              ))}
            </SimpleGrid>
            {choice === 'FAIL' ? (
              <form onSubmit={sendFailure} aria-label={`Finding on ${entry.code}`} noValidate>
                <Stack gap="xs">
                  <Textarea label="What failed" required rows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={noteError} />
                  <Stack gap={4}>
                    <Text size="sm" fw={500} id={`${titleId}-severity`}>
                      Severity{' '}
                      <Text span c="red">
                        *
                      </Text>
                    </Text>
                    <SimpleGrid cols={3} spacing="xs" role="group" aria-labelledby={`${titleId}-severity`}>
                      {SEVERITIES.map((s) => (
                        <Button
                          key={s}
                          size="md"
                          fullWidth
                          px={4}
                          color={s === 'HIGH' ? 'red' : s === 'MEDIUM' ? 'orange' : 'yellow'}
                          variant={severity === s ? 'filled' : 'default'}
                          aria-pressed={severity === s}
                          onClick={() => setSeverity(s)}
                        >
                          {humanize(s)}
                        </Button>
                      ))}
                    </SimpleGrid>
                    {severityError ? (
                      <Text size="sm" c="red">
                        {severityError}
                      </Text>
                    ) : null}
                    {severity === 'HIGH' ? (
                      <Text size="sm" c="red">
                        A high finding stops work in the area until its actions are verified.
                      </Text>
                    ) : null}
                  </Stack>
                  <TextInput label="Photo document id (optional)" value={photo} onChange={(e) => setPhoto(e.currentTarget.value)} />
                  <Button type="submit" size="lg" fullWidth color="red" loading={pending}>
                    Record failure
                  </Button>
                </Stack>
              </form>
            ) : null}
          </>
        )}
        {error ? <ErrorAlert error={error} action="record inspection results" title={`${entry.code} was not recorded`} /> : null}
      </Stack>
    </Card>
  );
}
