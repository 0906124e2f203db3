import { useNavigate, useParams } from 'react-router';

import { Page } from '@/components/ui/page';
import { Empty, ErrorAlert, Loading } from '@/components/ui/query-state';

import { useAccount } from '../api/get-account';
import { useCreateAccount } from '../api/create-account';
import { useUpdateAccountDetails } from '../api/update-account';
import { AccountForm, type AccountFormValues } from '../components/account-form';

const optional = (text: string) => (text.trim() === '' ? null : text.trim());

export function NewAccountRoute() {
  const create = useCreateAccount();
  const navigate = useNavigate();
  const submit = (v: AccountFormValues) =>
    create.mutate(
      { kind: v.kind, name: v.name.trim(), registrationNumber: optional(v.registrationNumber), vatNumber: optional(v.vatNumber) },
      { onSuccess: ({ createAccount }) => void navigate(`/accounts/${createAccount.id}`) },
    );
  return (
    <Page title="New account" description="A customer, vendor or subcontractor.">
      <AccountForm
        initial={{ kind: 'CUSTOMER', name: '', registrationNumber: '', vatNumber: '' }}
        withKind
        submitLabel="Create account"
        onSubmit={submit}
        submitting={create.isPending}
        error={create.error}
      />
    </Page>
  );
}

export function EditAccountRoute() {
  const { id = '' } = useParams();
  const query = useAccount(id);
  const update = useUpdateAccountDetails();
  const navigate = useNavigate();
  if (query.isPending) return <Loading />;
  if (query.error) return <ErrorAlert error={query.error} action="read accounts" onRetry={() => void query.refetch()} />;
  const account = query.data.account;
  if (!account) return <Empty>This account was not found.</Empty>;
  const submit = (v: AccountFormValues) =>
    update.mutate(
      { id, input: { name: v.name.trim(), registrationNumber: optional(v.registrationNumber), vatNumber: optional(v.vatNumber) } },
      { onSuccess: () => void navigate(`/accounts/${id}`) },
    );
  return (
    <Page title={`Edit ${account.name}`}>
      <AccountForm
        initial={{
          kind: account.kind,
          name: account.name,
          registrationNumber: account.registrationNumber ?? '',
          vatNumber: account.vatNumber ?? '',
        }}
        withKind={false}
        submitLabel="Save details"
        onSubmit={submit}
        submitting={update.isPending}
        error={update.error}
      />
    </Page>
  );
}
