// The stock commands as buttons (only for `inventory.stock.write`), each opening its form
// in a modal. A refusal stays in the form, in the server's words; once accepted the form
// closes, a line says what was done, and the position is refreshed when it lands
// (`api/stock-commands.ts`).

import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';

import { Authorization } from '@/lib/permissions/authorization';

import { useAdjustStock, useIssueStock, useReceiveStock, useReserveStock, type Position } from '../api/stock-commands';
import { AdjustForm } from './adjust-form';
import { IssueForm } from './issue-form';
import { ReceiveForm } from './receive-form';
import { ReserveForm } from './reserve-form';
import type { PositionSuggestions } from './stock-form';

type Action = 'receive' | 'issue' | 'adjust' | 'reserve';

const TITLES: Record<Action, string> = {
  receive: 'Receive stock',
  issue: 'Issue stock',
  adjust: 'Adjust stock',
  reserve: 'Reserve stock',
};

const at = (p: Position) => `${p.product} at ${p.location}`;

export function StockActions({ position, suggestions }: { position?: Partial<Position>; suggestions: PositionSuggestions }) {
  const receive = useReceiveStock();
  const issue = useIssueStock();
  const adjust = useAdjustStock();
  const reserve = useReserveStock();
  const [open, setOpen] = useState<Action | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const mutations = { receive, issue, adjust, reserve };
  const start = (action: Action) => {
    mutations[action].reset();
    setOpen(action);
  };
  const close = () => setOpen(null);
  const finished = (message: string) => {
    setDone(message);
    setOpen(null);
  };
  const common = { position, suggestions, onCancel: close };
  return (
    <Authorization allowed="inventory.stock.write">
      <Stack gap={4} align="flex-end">
        <Group gap="xs">
          {(Object.keys(TITLES) as Action[]).map((action) => (
            <Button key={action} variant={action === 'receive' ? 'filled' : 'default'} onClick={() => start(action)}>
              {TITLES[action]}
            </Button>
          ))}
        </Group>
        {done ? (
          <Text role="status" size="sm">
            {done}
          </Text>
        ) : null}
      </Stack>
      {/* One modal per command: its form starts afresh each time it opens. */}
      <Modal opened={open === 'receive'} onClose={close} title={TITLES.receive} size="lg">
        <ReceiveForm
          {...common}
          submitting={receive.isPending}
          error={receive.error}
          onSubmit={(v) => receive.mutate(v, { onSuccess: () => finished(`Received ${v.quantity} of ${at(v)} (${v.reference}).`) })}
        />
      </Modal>
      <Modal opened={open === 'issue'} onClose={close} title={TITLES.issue} size="lg">
        <IssueForm
          {...common}
          submitting={issue.isPending}
          error={issue.error}
          onSubmit={(v) => issue.mutate(v, { onSuccess: () => finished(`Issued ${v.quantity} of ${at(v)} to ${v.projectId} ${v.costCode}.`) })}
        />
      </Modal>
      <Modal opened={open === 'adjust'} onClose={close} title={TITLES.adjust} size="lg">
        <AdjustForm
          {...common}
          submitting={adjust.isPending}
          error={adjust.error}
          onSubmit={(v) => adjust.mutate(v, { onSuccess: () => finished(`Adjusted ${at(v)} by ${v.delta}.`) })}
        />
      </Modal>
      <Modal opened={open === 'reserve'} onClose={close} title={TITLES.reserve} size="lg">
        <ReserveForm
          {...common}
          submitting={reserve.isPending}
          error={reserve.error}
          onSubmit={(v) =>
            reserve.mutate(v, {
              onSuccess: ({ reserveStock }) => finished(`Reserved ${v.quantity} of ${at(v)} for ${v.purpose}: reservation ${reserveStock.id}.`),
            })
          }
        />
      </Modal>
    </Authorization>
  );
}
