// The corrective action forms: raise one on a finding (owner, due date) and submit the
// evidence that it is done (a note, an optional photo document id). Each checked before
// it is sent, the server's refusal shown in its words.

import { Button, Group, Modal, Stack, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';

import { ErrorAlert } from '@/components/ui/query-state';
import { addDays, isoDate } from '@/lib/format';

import type { Evidence } from '../api/submit-action-evidence';
import type { RaiseAction } from '../api/raise-corrective-action';

export function RaiseActionModal({
  itemCode,
  opened,
  onClose,
  onSubmit,
  pending,
  error,
}: {
  itemCode: string;
  opened: boolean;
  onClose: () => void;
  onSubmit: (variables: RaiseAction) => void;
  pending: boolean;
  error: unknown;
}) {
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState(addDays(isoDate(), 7));
  const [tried, setTried] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!owner.trim() || !due) return;
    onSubmit({ itemCode, owner: owner.trim(), due });
  };
  const title = `Raise action on ${itemCode}`;
  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      <form onSubmit={submit} aria-label={title} noValidate>
        <Stack gap="sm">
          <TextInput label="Owner" description="Who does it (their user name)" required value={owner} onChange={(e) => setOwner(e.currentTarget.value)} error={tried && !owner.trim() ? 'Who owns the action?' : null} data-autofocus />
          <TextInput label="Due" type="date" required value={due} onChange={(e) => setDue(e.currentTarget.value)} error={tried && !due ? 'When is it due?' : null} />
          {error ? <ErrorAlert error={error} action="raise corrective actions" title="Not raised" /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              Raise action
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function EvidenceModal({
  actionId,
  opened,
  onClose,
  onSubmit,
  pending,
  error,
}: {
  actionId: string;
  opened: boolean;
  onClose: () => void;
  onSubmit: (variables: Evidence) => void;
  pending: boolean;
  error: unknown;
}) {
  const [note, setNote] = useState('');
  const [photo, setPhoto] = useState('');
  const [tried, setTried] = useState(false);
  const empty = !note.trim() && !photo.trim();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (empty) return;
    onSubmit({ actionId, note: note.trim(), photos: photo.trim() ? [photo.trim()] : [] });
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Submit evidence">
      <form onSubmit={submit} aria-label="Submit evidence" noValidate>
        <Stack gap="sm">
          <Textarea label="What was done" rows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={tried && empty ? 'A note or a photo is needed.' : null} data-autofocus />
          <TextInput label="Photo document id (optional)" value={photo} onChange={(e) => setPhoto(e.currentTarget.value)} />
          {error ? <ErrorAlert error={error} action="submit evidence" title="Not submitted" /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              Submit evidence
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
