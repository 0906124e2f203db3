// The contract terms as form fields, shared by "New project" and the contract card.

import { NativeSelect, SimpleGrid, TextInput } from '@mantine/core';

import type { ContractInput, ContractType } from '@/gql/graphql';

export interface ContractValues {
  contractType: ContractType;
  contractValue: string;
  retentionPercent: string;
  retentionCapPercent: string;
  releaseAtPracticalPercent: string;
  plannedCompletionOn: string;
}

export const CONTRACT_TYPES: { value: ContractType; label: string }[] = [
  { value: 'JBCC_PBA', label: 'JBCC Principal Building Agreement' },
  { value: 'GCC_2015', label: 'GCC 2015 (SAICE)' },
  { value: 'NEC_3', label: 'NEC3' },
  { value: 'NEC_4', label: 'NEC4' },
  { value: 'OTHER', label: 'Other' },
];

export const emptyContract = (): ContractValues => ({
  contractType: 'JBCC_PBA',
  contractValue: '',
  retentionPercent: '10',
  retentionCapPercent: '5',
  releaseAtPracticalPercent: '50',
  plannedCompletionOn: '',
});

/** The form's values as the API's input (empty optional fields left out). */
export function contractInput(v: ContractValues): ContractInput {
  const opt = (s: string) => (s.trim() === '' ? null : s.trim());
  return {
    contractType: v.contractType,
    contractValue: v.contractValue.trim(),
    retentionPercent: v.retentionPercent.trim() || '0',
    retentionCapPercent: opt(v.retentionCapPercent),
    releaseAtPracticalPercent: opt(v.releaseAtPracticalPercent),
    plannedCompletionOn: opt(v.plannedCompletionOn),
  };
}

export function ContractFields({
  values,
  onChange,
  errors = {},
}: {
  values: ContractValues;
  onChange: (patch: Partial<ContractValues>) => void;
  /** Server messages by field (`contractValue`, `retentionPercent`, …). */
  errors?: Record<string, string>;
}) {
  const err = (field: string) => errors[field] ?? errors[`contract.${field}`];
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }}>
      <NativeSelect
        label="Contract type"
        data={CONTRACT_TYPES}
        value={values.contractType}
        onChange={(e) => onChange({ contractType: e.currentTarget.value as ContractType })}
      />
      <TextInput
        label="Contract value excl. VAT (R)"
        inputMode="decimal"
        required
        value={values.contractValue}
        onChange={(e) => onChange({ contractValue: e.currentTarget.value })}
        error={err('contractValue')}
      />
      <TextInput
        label="Planned completion"
        type="date"
        value={values.plannedCompletionOn}
        onChange={(e) => onChange({ plannedCompletionOn: e.currentTarget.value })}
        error={err('plannedCompletionOn')}
      />
      <TextInput
        label="Retention (%)"
        description="0–20% of each claim, withheld"
        inputMode="decimal"
        value={values.retentionPercent}
        onChange={(e) => onChange({ retentionPercent: e.currentTarget.value })}
        error={err('retentionPercent')}
      />
      <TextInput
        label="Retention cap (% of contract value)"
        description="Empty: no cap"
        inputMode="decimal"
        value={values.retentionCapPercent}
        onChange={(e) => onChange({ retentionCapPercent: e.currentTarget.value })}
        error={err('retentionCapPercent')}
      />
      <TextInput
        label="Released at practical completion (%)"
        description="The share of retention held; the rest at final completion"
        inputMode="decimal"
        value={values.releaseAtPracticalPercent}
        onChange={(e) => onChange({ releaseAtPracticalPercent: e.currentTarget.value })}
        error={err('releaseAtPracticalPercent')}
      />
    </SimpleGrid>
  );
}
