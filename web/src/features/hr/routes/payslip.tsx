// One payslip (`/hr/payslips/:runId/:employeeId`) as a printable document, with a
// **Print** button (the browser's print dialog; `payslip-print.css` prints the payslip
// alone). Payroll sees everyone's; every employee their own.

import { Button, Group, Stack } from '@mantine/core';
import { useParams } from 'react-router';

import { AppLink } from '@/components/ui/link';
import { Page } from '@/components/ui/page';
import { Empty, QueryState } from '@/components/ui/query-state';

import { usePayslips } from '../api/get-payslips';
import { PayslipDocument } from '../components/payslip-document';

export function PayslipRoute() {
  const { runId = '', employeeId = '' } = useParams();
  const payslips = usePayslips({ payRunId: runId, employeeId });
  const slip = payslips.data?.payslips.find((s) => s.employeeId === employeeId);
  return (
    <Page
      title={slip ? `Payslip ${slip.payDate ?? ''}` : 'Payslip'}
      description={slip ? `${slip.name}, ${slip.periodStart ?? ''} – ${slip.periodEnd ?? ''}` : undefined}
      actions={
        <Group gap="sm" className="payslip-no-print">
          <AppLink to="/hr/payslips">All payslips</AppLink>
          {slip ? <Button onClick={() => window.print()}>Print</Button> : null}
        </Group>
      }
    >
      <Stack gap="md">
        <QueryState query={payslips} action="read payslips">
          {() => (slip ? <PayslipDocument payslip={slip} /> : <Empty>No such payslip (or not yours to see).</Empty>)}
        </QueryState>
      </Stack>
    </Page>
  );
}
