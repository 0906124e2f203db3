import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';

import { ErrorAlert } from '@/components/ui/query-state';

/**
 * Asks for what a decision needs before it is sent — a reason to decline, reject or
 * reverse, or a date — with the server's refusal in its words.
 */
export function ReasonModal({
  title,
  opened,
  onClose,
  onConfirm,
  confirmLabel,
  fieldLabel = 'Reason',
  fieldType = 'text',
  initial = '',
  pending = false,
  error,
  action,
  children,
}: {
  title: string;
  opened: boolean;
  onClose: () => void;
  onConfirm: (value: string) => void;
  confirmLabel: string;
  fieldLabel?: string;
  fieldType?: 'text' | 'date';
  initial?: string;
  pending?: boolean;
  error?: unknown;
  action: string;
  children?: ReactNode;
}) {
  const [value, setValue] = useState(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!value.trim()) return;
    onConfirm(value.trim());
  };
  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      <form onSubmit={submit} aria-label={title} noValidate>
        <Stack gap="sm">
          {children}
          <TextInput label={fieldLabel} type={fieldType} required value={value} onChange={(e) => setValue(e.currentTarget.value)} data-autofocus />
          {error ? <ErrorAlert error={error} action={action} title="Not done" /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={pending} disabled={!value.trim()}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
