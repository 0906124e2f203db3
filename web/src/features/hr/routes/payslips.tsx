// Payslips (`/hr/payslips`): every employee their own ("My payslips"); payroll
// (`hr.payroll.read`) everyone's. Latest pay date first; each opens the printable payslip.

import { DataTable, type Column } from '@/components/ui/data-table';
import { Money } from '@/components/ui/money';
import { AppLink } from '@/components/ui/link';
import { Page } from '@/components/ui/page';
import { QueryState } from '@/components/ui/query-state';
import { usePermissions } from '@/lib/permissions/authorization';

import { usePayslips, type PayslipRow } from '../api/get-payslips';
import { StatusBadge } from '../components/status-badge';

const COLUMNS: Column<PayslipRow>[] = [
  { key: 'payDate', header: 'Pay date', cell: (s) => <AppLink to={`/hr/payslips/${s.payRunId}/${s.employeeId}`}>{s.payDate ?? 'Payslip'}</AppLink> },
  { key: 'period', header: 'Period', cell: (s) => `${s.periodStart ?? ''} – ${s.periodEnd ?? ''}` },
  { key: 'employee', header: 'Employee', cell: (s) => `${s.employeeNumber} ${s.name}` },
  { key: 'status', header: 'Run', cell: (s) => <StatusBadge status={s.runStatus} /> },
  { key: 'gross', header: 'Gross', numeric: true, cell: (s) => <Money amount={s.gross} /> },
  { key: 'paye', header: 'PAYE', numeric: true, cell: (s) => <Money amount={s.paye} /> },
  { key: 'uif', header: 'UIF', numeric: true, cell: (s) => <Money amount={s.uifEmployee} /> },
  { key: 'net', header: 'Net pay', numeric: true, cell: (s) => <Money amount={s.net} /> },
];

export function PayslipsRoute() {
  const { can } = usePermissions();
  const payslips = usePayslips({ payRunId: null, employeeId: null });
  const payroll = can('hr.payroll.read');
  return (
    <Page title={payroll ? 'Payslips' : 'My payslips'} description={payroll ? 'Everyone’s payslips, latest pay date first.' : 'Your payslips, latest first; each can be printed.'}>
      <QueryState query={payslips} action="read payslips" isEmpty={(d) => d.payslips.length === 0} empty="No payslips yet (yours appear once your user is linked to your employee record and a run is calculated).">
        {(d) => <DataTable label="Payslips" columns={COLUMNS} rows={d.payslips} rowKey={(s) => `${s.payRunId}/${s.employeeId}`} rowLabel={(s) => `${s.name} ${s.payDate ?? ''}`} minWidth={1000} />}
      </QueryState>
    </Page>
  );
}
