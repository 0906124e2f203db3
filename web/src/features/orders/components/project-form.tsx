// "New project": code, name, customer, site, start, TENDER or AWARDED, and the contract
// terms when they are known at opening.

import { Alert, Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';

import type { CreateProjectInput, ProjectStatus } from '@/gql/graphql';
import { describeError, fieldErrors } from '@/lib/errors';

import { ContractFields, contractInput, emptyContract, type ContractValues } from './contract-fields';

export interface Option {
  value: string;
  label: string;
}

export function ProjectForm({
  customers,
  onSubmit,
  submitting = false,
  error,
}: {
  customers: Option[];
  onSubmit: (input: CreateProjectInput) => void;
  submitting?: boolean;
  error?: unknown;
}) {
  const [v, setV] = useState({
    code: '',
    name: '',
    customerAccountId: customers[0]?.value ?? '',
    siteId: '',
    siteName: '',
    startsOn: '',
    status: 'AWARDED' as ProjectStatus,
  });
  const [withContract, setWithContract] = useState(false);
  const [contract, setContract] = useState<ContractValues>(emptyContract());
  const errors = fieldErrors(error);
  const set = (patch: Partial<typeof v>) => setV((old) => ({ ...old, ...patch }));
  const complete = v.code.trim() && v.name.trim() && v.siteId.trim() && v.siteName.trim() && (!withContract || contract.contractValue.trim());

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!complete) return;
    onSubmit({
      code: v.code.trim(),
      name: v.name.trim(),
      customerAccountId: v.customerAccountId || null,
      siteId: v.siteId.trim(),
      siteName: v.siteName.trim(),
      startsOn: v.startsOn || null,
      status: v.status,
      contract: withContract ? contractInput(contract) : null,
    });
  };

  return (
    <form onSubmit={submit} aria-label="New project" noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Code" description="e.g. PRJ-2026-014" required value={v.code} onChange={(e) => set({ code: e.currentTarget.value })} error={errors.code} />
          <TextInput label="Name" required value={v.name} onChange={(e) => set({ name: e.currentTarget.value })} error={errors.name} />
          <NativeSelect
            label="Customer"
            data={[{ value: '', label: 'No customer yet' }, ...customers]}
            value={v.customerAccountId}
            onChange={(e) => set({ customerAccountId: e.currentTarget.value })}
            error={errors.customerAccountId}
          />
          <NativeSelect
            label="Opens at"
            data={[
              { value: 'AWARDED', label: 'Awarded' },
              { value: 'TENDER', label: 'Tender' },
            ]}
            value={v.status}
            onChange={(e) => set({ status: e.currentTarget.value as ProjectStatus })}
            error={errors.status}
          />
          <TextInput label="Site id" description="e.g. SITE-PTA-01" required value={v.siteId} onChange={(e) => set({ siteId: e.currentTarget.value })} error={errors.siteId} />
          <TextInput label="Site name" required value={v.siteName} onChange={(e) => set({ siteName: e.currentTarget.value })} error={errors.siteName} />
          <TextInput label="Starts on" type="date" value={v.startsOn} onChange={(e) => set({ startsOn: e.currentTarget.value })} error={errors.startsOn} />
        </SimpleGrid>
        <Checkbox label="The contract terms are known" checked={withContract} onChange={(e) => setWithContract(e.currentTarget.checked)} />
        {withContract ? <ContractFields values={contract} onChange={(patch) => setContract((c) => ({ ...c, ...patch }))} errors={errors} /> : null}
        {error && Object.keys(errors).length === 0 ? (
          <Alert color="red" role="alert" title="The project was not opened">
            {describeError(error, 'open projects')}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button type="submit" loading={submitting} disabled={!complete}>
            Open project
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
