// The register's forms: registering an item (every field of `RegisterEquipment`),
// checking it out to a project (by id or code), checking it in (date, meter), a meter
// reading, and a service (date, meter, note). Checked before submit (`count-rules.ts`);
// the server's refusal shown next to the field it names, or above the button.

import { Autocomplete, NativeSelect, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';

import type { MeterKind, Ownership } from '@/gql/graphql';
import { isoDate } from '@/lib/format';

import type { CheckInValues, CheckOutValues, MeterReadingValues, RegisterEquipmentValues, ServiceValues } from '../api/equipment-commands';
import { date, days, meter, rand, serviceEvery } from './count-rules';
import { asCode, FormFooter, useStockForm } from './stock-form';
import { code, note, reference } from './stock-rules';

interface FormProps<V> {
  onSubmit: (values: V) => void;
  onCancel: () => void;
  submitting?: boolean;
  error?: unknown;
}

const OWNERSHIP: { value: Ownership; label: string }[] = [
  { value: 'OWNED', label: 'Owned' },
  { value: 'HIRED_IN', label: 'Hired in' },
];
const METER_KINDS: { value: MeterKind; label: string }[] = [
  { value: 'HOURS', label: 'Hours' },
  { value: 'KILOMETRES', label: 'Kilometres' },
];
const isOwnership = (v: string): v is Ownership => OWNERSHIP.some((o) => o.value === v);
const isMeterKind = (v: string): v is MeterKind => METER_KINDS.some((o) => o.value === v);

const REGISTER_SPECS = {
  code: { rule: code, required: true },
  description: { rule: reference, required: true },
  category: { rule: code, required: true },
  serialNumber: { rule: code, required: true },
  ownership: { rule: (v: string) => (isOwnership(v) ? null : 'Choose owned or hired in'), required: true },
  meter: { rule: (v: string) => (isMeterKind(v) ? null : 'Choose hours or kilometres'), required: true },
  dailyRate: { rule: rand, required: true },
  serviceEvery: { rule: serviceEvery },
  serviceEveryDays: { rule: days },
  registeredOn: { rule: date, required: true },
  meterReading: { rule: meter },
};

export function RegisterEquipmentForm({ onSubmit, onCancel, submitting = false, error }: FormProps<RegisterEquipmentValues>) {
  const form = useStockForm(
    REGISTER_SPECS,
    { code: '', description: '', category: '', serialNumber: '', ownership: 'OWNED', meter: 'HOURS', dailyRate: '', serviceEvery: '', serviceEveryDays: '', registeredOn: isoDate(), meterReading: '' },
    error,
  );
  return (
    <form
      aria-label="Register equipment"
      noValidate
      onSubmit={form.submit((v) =>
        onSubmit({
          code: asCode(v.code),
          description: v.description.trim(),
          category: v.category.trim(),
          serialNumber: v.serialNumber.trim(),
          ownership: isOwnership(v.ownership) ? v.ownership : 'OWNED',
          meter: isMeterKind(v.meter) ? v.meter : 'HOURS',
          dailyRate: v.dailyRate.trim(),
          serviceEvery: v.serviceEvery.trim() || null,
          serviceEveryDays: v.serviceEveryDays.trim() ? Number(v.serviceEveryDays.trim()) : null,
          registeredOn: v.registeredOn.trim(),
          meterReading: v.meterReading.trim() || null,
        }),
      )}
    >
      <Stack gap="sm">
        <SimpleGrid cols={2}>
          <TextInput label="Code" description="The asset code, e.g. TLB-03" data-autofocus {...form.input('code')} />
          <TextInput label="Serial number" {...form.input('serialNumber')} />
        </SimpleGrid>
        <TextInput label="Description" description="e.g. CAT 428 backhoe loader" {...form.input('description')} />
        <SimpleGrid cols={3}>
          <TextInput label="Category" description="Excavator, TLB, scaffolding, generator…" {...form.input('category')} />
          <NativeSelect label="Ownership" data={OWNERSHIP} {...form.input('ownership')} />
          <NativeSelect label="Meter" data={METER_KINDS} {...form.input('meter')} />
        </SimpleGrid>
        <SimpleGrid cols={3}>
          <TextInput label="Daily rate (R)" description="Charged per day out on a project" inputMode="decimal" {...form.input('dailyRate')} />
          <TextInput label="Service every (meter)" description="Hours or km since the last (optional)" inputMode="decimal" {...form.input('serviceEvery')} />
          <TextInput label="Service every (days)" description="Optional" inputMode="numeric" {...form.input('serviceEveryDays')} />
        </SimpleGrid>
        <SimpleGrid cols={2}>
          <TextInput label="Registered on" type="date" {...form.input('registeredOn')} />
          <TextInput label="Meter reading (optional)" description="Nought if none; one decimal place at most" inputMode="decimal" {...form.input('meterReading')} />
        </SimpleGrid>
        <FormFooter general={form.general} action="register equipment" submitLabel="Register" submitting={submitting} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

export function CheckOutForm({ item, projects, onSubmit, onCancel, submitting = false, error }: FormProps<CheckOutValues> & { item: string; projects: readonly string[] }) {
  const form = useStockForm({ projectId: { rule: code, required: true }, on: { rule: date, required: true } }, { projectId: '', on: isoDate() }, error);
  return (
    <form aria-label="Check out" noValidate onSubmit={form.submit((v) => onSubmit({ code: item, projectId: v.projectId.trim(), on: v.on.trim() }))}>
      <Stack gap="sm">
        <Autocomplete
          label="Project"
          description="The project's code (e.g. PRJ-2026-001) or id"
          required
          data={[...projects]}
          value={form.values.projectId}
          onChange={(v) => form.set('projectId', v)}
          error={form.error('projectId')}
          data-autofocus
        />
        <TextInput label="On" type="date" {...form.input('on')} />
        <FormFooter general={form.general} action="check equipment out" submitLabel="Check out" submitting={submitting} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

export function CheckInForm({ item, onSubmit, onCancel, submitting = false, error }: FormProps<CheckInValues> & { item: string }) {
  const form = useStockForm({ on: { rule: date, required: true }, meter: { rule: meter } }, { on: isoDate(), meter: '' }, error);
  return (
    <form aria-label="Check in" noValidate onSubmit={form.submit((v) => onSubmit({ code: item, on: v.on.trim(), meter: v.meter.trim() || null }))}>
      <Stack gap="sm">
        <SimpleGrid cols={2}>
          <TextInput label="On" type="date" {...form.input('on')} />
          <TextInput label="Meter (optional)" description="Never below the last; one decimal place at most" inputMode="decimal" data-autofocus {...form.input('meter')} />
        </SimpleGrid>
        <FormFooter general={form.general} action="check equipment in" submitLabel="Check in" submitting={submitting} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

export function MeterReadingForm({ item, onSubmit, onCancel, submitting = false, error }: FormProps<MeterReadingValues> & { item: string }) {
  const form = useStockForm({ reading: { rule: meter, required: true }, on: { rule: date, required: true } }, { reading: '', on: isoDate() }, error);
  return (
    <form aria-label="Meter reading" noValidate onSubmit={form.submit((v) => onSubmit({ code: item, reading: v.reading.trim(), on: v.on.trim() }))}>
      <Stack gap="sm">
        <SimpleGrid cols={2}>
          <TextInput label="Reading" description="Never below the last; one decimal place at most" inputMode="decimal" data-autofocus {...form.input('reading')} />
          <TextInput label="On" type="date" {...form.input('on')} />
        </SimpleGrid>
        <FormFooter general={form.general} action="record a meter reading" submitLabel="Record reading" submitting={submitting} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

export function ServiceForm({ item, onSubmit, onCancel, submitting = false, error }: FormProps<ServiceValues> & { item: string }) {
  const form = useStockForm({ on: { rule: date, required: true }, meter: { rule: meter }, note: { rule: note, required: true } }, { on: isoDate(), meter: '', note: '' }, error);
  return (
    <form aria-label="Service" noValidate onSubmit={form.submit((v) => onSubmit({ code: item, on: v.on.trim(), meter: v.meter.trim() || null, note: v.note.trim() }))}>
      <Stack gap="sm">
        <SimpleGrid cols={2}>
          <TextInput label="On" type="date" {...form.input('on')} />
          <TextInput label="Meter (optional)" description="One decimal place at most" inputMode="decimal" {...form.input('meter')} />
        </SimpleGrid>
        <Textarea label="Note" description="What was done, e.g. 500-hour service, filters" minRows={2} data-autofocus {...form.input('note')} />
        <FormFooter general={form.general} action="record a service" submitLabel="Record service" submitting={submitting} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
