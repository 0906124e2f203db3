// Closing an opportunity asks first: won is final (and opens a project in orders); lost
// asks the reason and, if known, the competitor who won it — checked as the server
// checks them (a reason of at most 500 characters; a competitor's name on one line of at
// most 200).

import { Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';

export interface LoseValues {
  reason: string;
  competitor: string | null;
}

/** What is wrong with a lost reason and competitor (none: nothing). */
export function loseProblems(reason: string, competitor: string): { reason?: string; competitor?: string } {
  const problems: { reason?: string; competitor?: string } = {};
  if (!reason.trim()) problems.reason = 'Say why it was lost';
  else if (reason.trim().length > 500) problems.reason = 'At most 500 characters';
  if (/[\r\n]/.test(competitor)) problems.competitor = 'One line only';
  else if (competitor.trim().length > 200) problems.competitor = 'At most 200 characters';
  return problems;
}

export function WinDialog({ name, opened, onClose, onConfirm }: { name: string; opened: boolean; onClose: () => void; onConfirm: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Mark as won">
      <Stack gap="sm">
        <Text size="sm">
          Mark <strong>{name}</strong> as won? Won is final: the opportunity closes and orders opens an awarded project for the customer.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="green" onClick={onConfirm} data-autofocus>
            Mark won
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function LoseDialog({ name, opened, onClose, onConfirm }: { name: string; opened: boolean; onClose: () => void; onConfirm: (values: LoseValues) => void }) {
  const [reason, setReason] = useState('');
  const [competitor, setCompetitor] = useState('');
  const [tried, setTried] = useState(false);
  const problems = loseProblems(reason, competitor);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (problems.reason || problems.competitor) return;
    onConfirm({ reason: reason.trim(), competitor: competitor.trim() || null });
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Mark as lost">
      <form aria-label="Mark as lost" noValidate onSubmit={submit}>
        <Stack gap="sm">
          <Text size="sm">
            Mark <strong>{name}</strong> as lost? Lost is final.
          </Text>
          <Textarea
            label="Reason"
            required
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={tried || reason.trim().length > 500 ? problems.reason : undefined}
            data-autofocus
          />
          <TextInput label="Competitor (optional)" description="Who won the work, if known" value={competitor} onChange={(e) => setCompetitor(e.currentTarget.value)} error={problems.competitor} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red">
              Mark lost
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
