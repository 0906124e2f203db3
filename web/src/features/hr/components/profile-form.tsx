// "Edit profile": what HR records about an employment — identity (an identity number,
// or a passport with its country and date of birth), tax number, bank account,
// employment type and contract end, trade, pay and cost rates, working week, leave
// basis, line manager, the project and cost code the salary is charged to, medical
// scheme members. Filled in from the record; every field replaces what was recorded.
// Checked for shape before anything is sent (`profile-rules.ts`); the server's refusal
// is shown at the field it names ("input.idNumber: …") and above the buttons.

import { Button, Checkbox, Fieldset, Group, NativeSelect, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';

import { ErrorAlert } from '@/components/ui/query-state';
import type { AnnualLeaveBasis, BankAccountType, EmployeeProfileInput, EmploymentType } from '@/gql/graphql';

import type { EmployeeRecord } from '../api/get-employee';
import { BANK_ACCOUNT_TYPES, EMPLOYMENT_TYPES, LEAVE_BASES } from './labels';
import { profileInput, profileProblems, profileServerFields, profileValuesOf, type ProfileField, type ProfileValues } from './profile-rules';

export function ProfileForm({
  employee,
  managers,
  onSubmit,
  onCancel,
  submitting = false,
  error,
}: {
  employee: EmployeeRecord;
  /** Who may be the line manager (the others on record). */
  managers: readonly { id: string; label: string }[];
  onSubmit: (input: EmployeeProfileInput) => void;
  onCancel: () => void;
  submitting?: boolean;
  error?: unknown;
}) {
  const [v, setValues] = useState<ProfileValues>(() => profileValuesOf(employee));
  const [tried, setTried] = useState(false);
  const [changed, setChanged] = useState(false);
  const set = (patch: Partial<ProfileValues>) => {
    setValues((old) => ({ ...old, ...patch }));
    setChanged(true);
  };
  const problems = profileProblems(v);
  const server = changed ? {} : profileServerFields(error);
  // A problem with what is typed shows at once, a blank required field once submit is
  // tried; the server's words at the field they name.
  const shown = (field: ProfileField) => {
    const p = problems[field];
    return (p && (tried || !p.startsWith('Required')) ? p : undefined) ?? server[field];
  };
  const text = (field: ProfileField, label: string, extra: { description?: string; required?: boolean; type?: string; inputMode?: 'decimal' | 'numeric' } = {}) => (
    <TextInput label={label} value={v[field] as string} onChange={(e) => set({ [field]: e.currentTarget.value } as Partial<ProfileValues>)} error={shown(field)} {...extra} />
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (Object.keys(problems).length > 0) return;
    setChanged(false);
    onSubmit(profileInput(employee.id, v));
  };
  return (
    <form aria-label="Edit profile" noValidate onSubmit={submit}>
      <Stack gap="md">
        <Fieldset legend="Identity and tax">
          <Stack gap="sm">
            <SegmentedControl
              aria-label="Identified by"
              value={v.identification}
              onChange={(identification) => set({ identification: identification as ProfileValues['identification'] })}
              data={[
                { value: 'ID_NUMBER', label: 'Identity number' },
                { value: 'PASSPORT', label: 'Passport' },
              ]}
            />
            {v.identification === 'ID_NUMBER' ? (
              text('idNumber', 'ID number', { required: true, inputMode: 'numeric', description: '13 digits; the date of birth is read from it' })
            ) : (
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                {text('passportNumber', 'Passport number', { required: true })}
                {text('passportCountry', 'Passport country', { required: true })}
                {text('dateOfBirth', 'Date of birth', { required: true, type: 'date' })}
              </SimpleGrid>
            )}
            {text('taxNumber', 'Tax number', { inputMode: 'numeric', description: 'SARS income tax reference, ten digits (optional)' })}
          </Stack>
        </Fieldset>
        <Fieldset legend="Bank account">
          <Stack gap="sm">
            <Checkbox label="Paid into a bank account" checked={v.withBank} onChange={(e) => set({ withBank: e.currentTarget.checked })} />
            {v.withBank ? (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                {text('bank', 'Bank', { required: true })}
                {text('branchCode', 'Branch code', { required: true, inputMode: 'numeric' })}
                {text('accountNumber', 'Account number', { required: true, inputMode: 'numeric' })}
                <NativeSelect label="Account type" data={[...BANK_ACCOUNT_TYPES]} value={v.accountType} onChange={(e) => set({ accountType: e.currentTarget.value as BankAccountType })} error={shown('accountType')} />
              </SimpleGrid>
            ) : null}
          </Stack>
        </Fieldset>
        <Fieldset legend="Employment and pay">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect label="Employment type" required data={[...EMPLOYMENT_TYPES]} value={v.employmentType} onChange={(e) => set({ employmentType: e.currentTarget.value as EmploymentType })} error={shown('employmentType')} />
            {v.employmentType === 'FIXED_TERM' ? text('contractEnds', 'Contract ends', { required: true, type: 'date' }) : <span />}
            {text('payRate', v.employmentType === 'WEEKLY_SITE_LABOUR' ? 'Hourly pay rate (R)' : 'Monthly salary (R)', { required: true, inputMode: 'decimal' })}
            {text('costRate', 'Cost rate (R an hour)', { required: true, inputMode: 'decimal', description: 'Charged to projects by approved timesheets' })}
            {text('trade', 'Trade', { description: 'e.g. Bricklayer (optional)' })}
            {text('daysPerWeek', 'Days worked a week', { required: true, inputMode: 'numeric' })}
            <NativeSelect label="Annual leave" data={[...LEAVE_BASES]} value={v.leaveBasis} onChange={(e) => set({ leaveBasis: e.currentTarget.value as AnnualLeaveBasis })} error={shown('leaveBasis')} />
            {text('medicalMembers', 'Medical scheme members', { required: true, inputMode: 'numeric', description: 'The employee and dependants (0: none)' })}
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend="Line manager and allocation">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NativeSelect
              label="Line manager"
              description="Approves leave"
              value={v.lineManagerId}
              onChange={(e) => set({ lineManagerId: e.currentTarget.value })}
              error={shown('lineManagerId')}
              data={[{ value: '', label: 'None' }, ...managers.map((m) => ({ value: m.id, label: m.label })), ...(v.lineManagerId && !managers.some((m) => m.id === v.lineManagerId) ? [{ value: v.lineManagerId, label: v.lineManagerId }] : [])]}
            />
            {text('projectId', 'Project', { description: 'Code or id the salary is charged to (optional)' })}
            {text('costCode', 'Cost code', { description: 'With the project' })}
          </SimpleGrid>
        </Fieldset>
        {error && !changed ? <ErrorAlert error={error} action="record employee profiles" title="The profile was not saved" /> : null}
        {tried && Object.keys(problems).length > 0 ? (
          <Text c="red" size="sm" role="status">
            Some fields need attention before the profile can be saved.
          </Text>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={submitting}>
            Save profile
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
