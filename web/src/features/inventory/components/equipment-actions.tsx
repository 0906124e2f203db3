// The register's commands as buttons (only for `inventory.stock.write`): Register above
// the table, and per item Check out or Check in (by where it is), Meter reading and
// Service, each opening its form in a modal. A refusal stays in the form, in the
// server's words; once accepted the form closes, a line says what was done, and the
// register is read again until the change shows (`api/equipment-commands.ts`).

import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';

import { Authorization } from '@/lib/permissions/authorization';

import {
  useCheckInEquipment,
  useCheckOutEquipment,
  useRecordEquipmentService,
  useRecordMeterReading,
  useRegisterEquipment,
} from '../api/equipment-commands';
import type { EquipmentRow } from '../api/get-equipment';
import { CheckInForm, CheckOutForm, MeterReadingForm, RegisterEquipmentForm, ServiceForm } from './equipment-forms';

export type EquipmentAction = 'register' | 'checkOut' | 'checkIn' | 'meter' | 'service';

const TITLES: Record<EquipmentAction, string> = {
  register: 'Register equipment',
  checkOut: 'Check out',
  checkIn: 'Check in',
  meter: 'Meter reading',
  service: 'Service',
};

export function useEquipmentActions(projects: readonly string[]) {
  const register = useRegisterEquipment();
  const checkOut = useCheckOutEquipment();
  const checkIn = useCheckInEquipment();
  const meter = useRecordMeterReading();
  const service = useRecordEquipmentService();
  const [open, setOpen] = useState<{ action: EquipmentAction; code: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const mutations = { register, checkOut, checkIn, meter, service };
  const start = (action: EquipmentAction, code = '') => {
    mutations[action].reset();
    setOpen({ action, code });
  };
  const close = () => setOpen(null);
  const finished = (message: string) => {
    setDone(message);
    setOpen(null);
  };
  const code = open?.code ?? '';
  const is = (action: EquipmentAction) => open?.action === action;

  const registerButton = (
    <Authorization allowed="inventory.stock.write">
      <Stack gap={4} align="flex-end">
        <Button onClick={() => start('register')}>Register equipment</Button>
        {done ? (
          <Text role="status" size="sm">
            {done}
          </Text>
        ) : null}
      </Stack>
    </Authorization>
  );

  const rowActions = (item: EquipmentRow) => (
    <Authorization allowed="inventory.stock.write">
      <Group gap={4} wrap="nowrap">
        {item.projectId ? (
          <Button size="compact-xs" variant="light" aria-label={`Check in ${item.code}`} onClick={() => start('checkIn', item.code)}>
            Check in
          </Button>
        ) : (
          <Button size="compact-xs" variant="light" aria-label={`Check out ${item.code}`} onClick={() => start('checkOut', item.code)}>
            Check out
          </Button>
        )}
        <Button size="compact-xs" variant="default" aria-label={`Meter reading of ${item.code}`} onClick={() => start('meter', item.code)}>
          Meter
        </Button>
        <Button size="compact-xs" variant="default" aria-label={`Service of ${item.code}`} onClick={() => start('service', item.code)}>
          Service
        </Button>
      </Group>
    </Authorization>
  );

  const title = (action: EquipmentAction) => (action === 'register' ? TITLES.register : `${TITLES[action]}: ${code}`);
  const modals = (
    <>
      <Modal opened={is('register')} onClose={close} title={title('register')} size="xl">
        <RegisterEquipmentForm
          onCancel={close}
          submitting={register.isPending}
          error={register.error}
          onSubmit={(v) => register.mutate(v, { onSuccess: () => finished(`Registered ${v.code}.`) })}
        />
      </Modal>
      <Modal opened={is('checkOut')} onClose={close} title={title('checkOut')}>
        <CheckOutForm
          item={code}
          projects={projects}
          onCancel={close}
          submitting={checkOut.isPending}
          error={checkOut.error}
          onSubmit={(v) => checkOut.mutate(v, { onSuccess: () => finished(`Checked ${v.code} out to ${v.projectId} on ${v.on}.`) })}
        />
      </Modal>
      <Modal opened={is('checkIn')} onClose={close} title={title('checkIn')}>
        <CheckInForm
          item={code}
          onCancel={close}
          submitting={checkIn.isPending}
          error={checkIn.error}
          onSubmit={(v) => checkIn.mutate(v, { onSuccess: () => finished(`Checked ${v.code} in on ${v.on}.`) })}
        />
      </Modal>
      <Modal opened={is('meter')} onClose={close} title={title('meter')}>
        <MeterReadingForm
          item={code}
          onCancel={close}
          submitting={meter.isPending}
          error={meter.error}
          onSubmit={(v) => meter.mutate(v, { onSuccess: () => finished(`Recorded ${v.code}'s meter at ${v.reading} on ${v.on}.`) })}
        />
      </Modal>
      <Modal opened={is('service')} onClose={close} title={title('service')}>
        <ServiceForm
          item={code}
          onCancel={close}
          submitting={service.isPending}
          error={service.error}
          onSubmit={(v) => service.mutate(v, { onSuccess: () => finished(`Recorded a service of ${v.code} on ${v.on}.`) })}
        />
      </Modal>
    </>
  );
  return { registerButton, rowActions, modals };
}
