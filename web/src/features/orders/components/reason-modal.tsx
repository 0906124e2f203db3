import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';

import { describeError } from '@/lib/errors';

/** Asks for a reason (or just a confirmation) before a decision: reject, hold, cancel. */
export function ReasonModal({
  title,
  opened,
  onClose,
  onConfirm,
  confirmLabel,
  reasonRequired = true,
  askReason = true,
  pending = false,
  error,
  action,
  children,
}: {
  title: string;
  opened: boolean;
  onClose: () => void;
  onConfirm: (reason: string) => void;
  confirmLabel: string;
  reasonRequired?: boolean;
  askReason?: boolean;
  pending?: boolean;
  error?: unknown;
  action: string;
  children?: ReactNode;
}) {
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (askReason && reasonRequired && !reason.trim()) return;
    onConfirm(reason.trim());
  };
  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      <form onSubmit={submit} aria-label={title}>
        <Stack gap="sm">
          {children}
          {askReason ? (
            <TextInput label="Reason" required={reasonRequired} value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-autofocus />
          ) : null}
          {error ? (
            <Alert color="red" role="alert" title="Not done">
              {describeError(error, action)}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={pending} disabled={askReason && reasonRequired && !reason.trim()}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
