import { useNavigate } from 'react-router';

import { Page } from '@/components/ui/page';
import { QueryState } from '@/components/ui/query-state';

import { useInvoiceOptions } from '../api/get-invoice-options';
import { useRaiseInvoice } from '../api/raise-invoice';
import { InvoiceForm, type InvoiceFormValues } from '../components/invoice-form';

export function RaiseInvoiceRoute() {
  const options = useInvoiceOptions();
  const raise = useRaiseInvoice();
  const navigate = useNavigate();

  const submit = (values: InvoiceFormValues) => {
    raise.mutate(
      {
        customerAccountId: values.customerAccountId,
        date: values.date,
        retentionPercent: values.retentionPercent.trim() === '' ? null : values.retentionPercent.trim(),
        lines: values.lines.map((line) => ({
          description: line.description.trim(),
          quantity: line.quantity.trim(),
          unitPrice: line.unitPrice.trim(),
          vatTreatment: line.vatTreatment,
          projectId: line.projectId || null,
        })),
      },
      {
        onSuccess: ({ raiseInvoice }) =>
          void navigate(
            `/finance/invoices?raised=${encodeURIComponent(raiseInvoice.id)}&number=${encodeURIComponent(raiseInvoice.number)}`,
          ),
      },
    );
  };

  return (
    <Page title="Raise invoice" description="A tax invoice to a customer: VAT per line at 15%, retention on the total incl. VAT.">
      <QueryState
        query={options}
        action="raise invoices"
        isEmpty={(d) => d.accounts.nodes.length === 0}
        empty="There are no active customers to invoice yet."
      >
        {(data) => (
          <InvoiceForm
            customers={data.accounts.nodes.map((a) => ({ value: a.id, label: a.name }))}
            projects={data.projects.map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
            onSubmit={submit}
            submitting={raise.isPending}
            error={raise.error}
          />
        )}
      </QueryState>
    </Page>
  );
}
