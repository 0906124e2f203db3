// The menu: every screen and the permissions that open it. The shell shows an entry
// only when `<Authorization>` allows it; the router guards the same screens with the
// same permissions, so a direct URL to a hidden screen says "not allowed".

import type { Permission } from '@/lib/permissions/permissions';
import { allows } from '@/lib/permissions/permissions';

export interface NavItem {
  label: string;
  to: string;
  /** Any one of these opens the screen; empty: everyone signed in. */
  allowed: readonly Permission[];
}

export interface NavGroup {
  label: string;
  items: readonly NavItem[];
}

const LEDGER: readonly Permission[] = ['finance.ledger.read'];

export const NAV: readonly NavGroup[] = [
  { label: 'Overview', items: [{ label: 'Dashboard', to: '/', allowed: [] }] },
  {
    label: 'Customers & suppliers',
    items: [
      { label: 'Accounts', to: '/accounts', allowed: ['identity.read'] },
      { label: 'Leads', to: '/leads', allowed: ['identity.leads.read'] },
      { label: 'Users', to: '/users', allowed: ['identity.users.read'] },
    ],
  },
  {
    label: 'Sales',
    items: [
      { label: 'Opportunities', to: '/opportunities', allowed: ['sales.opportunities.read'] },
      { label: 'Pipeline board', to: '/sales/pipeline', allowed: ['sales.opportunities.read'] },
      { label: 'Campaigns', to: '/sales/campaigns', allowed: ['sales.opportunities.read'] },
      { label: 'Lead scores', to: '/sales/lead-scores', allowed: ['sales.opportunities.read'] },
    ],
  },
  {
    label: 'Orders',
    items: [
      { label: 'Sales orders', to: '/sales-orders', allowed: ['orders.sales_orders.read'] },
      { label: 'Purchase orders', to: '/purchase-orders', allowed: ['orders.purchase_orders.read'] },
    ],
  },
  {
    label: 'Inventory',
    items: [
      { label: 'Stock', to: '/inventory/stock', allowed: ['inventory.stock.read'] },
      { label: 'Catalogue', to: '/inventory/catalogue', allowed: ['inventory.catalogue.read'] },
      { label: 'Counts', to: '/inventory/counts', allowed: ['inventory.stock.read'] },
      { label: 'Transfers', to: '/inventory/transfers', allowed: ['inventory.stock.read'] },
      { label: 'Equipment', to: '/inventory/equipment', allowed: ['inventory.stock.read'] },
    ],
  },
  {
    label: 'Projects & people',
    items: [
      { label: 'Projects', to: '/projects', allowed: ['orders.projects.read', 'orders.projects.read_assigned'] },
      { label: 'Employees', to: '/employees', allowed: ['hr.employees.read', 'hr.employees.read_own'] },
      { label: 'Leave', to: '/hr/leave', allowed: ['hr.leave.self_service'] },
      { label: 'Timesheets', to: '/hr/timesheets', allowed: ['hr.timesheets.write', 'hr.timesheets.approve', 'hr.payroll.read'] },
      { label: 'Pay runs', to: '/hr/pay-runs', allowed: ['hr.payroll.read'] },
      { label: 'EMP201', to: '/hr/emp201', allowed: ['hr.payroll.read'] },
      { label: 'Payslips', to: '/hr/payslips', allowed: ['hr.payroll.read', 'hr.employees.read_own'] },
      { label: 'PAYE calculator', to: '/hr/paye-calculator', allowed: ['hr.payroll.read'] },
    ],
  },
  {
    label: 'Safety & support',
    items: [
      { label: 'Inspections', to: '/compliance/inspections', allowed: ['compliance.inspections.read'] },
      { label: 'Corrective actions', to: '/compliance/actions', allowed: ['compliance.inspections.read'] },
      { label: 'Incidents', to: '/compliance/incidents', allowed: ['compliance.inspections.read'] },
      { label: 'Tickets', to: '/compliance/tickets', allowed: ['compliance.tickets.raise'] },
    ],
  },
  {
    label: 'Finance',
    items: [
      { label: 'Invoices', to: '/finance/invoices', allowed: LEDGER },
      { label: 'Credit notes', to: '/finance/credit-notes', allowed: LEDGER },
      { label: 'Supplier bills', to: '/finance/bills', allowed: LEDGER },
      { label: 'Payments', to: '/finance/payments', allowed: LEDGER },
      { label: 'Aged debtors & creditors', to: '/finance/aged', allowed: LEDGER },
      { label: 'Financial statements', to: '/finance/statements', allowed: LEDGER },
      { label: 'VAT return', to: '/finance/vat', allowed: LEDGER },
      { label: 'Bank reconciliation', to: '/finance/bank', allowed: LEDGER },
      { label: 'Budgets vs actual', to: '/finance/budgets', allowed: LEDGER },
    ],
  },
  {
    label: 'Audit',
    items: [
      { label: 'Ledger history', to: '/audit/ledger-history', allowed: LEDGER },
      { label: 'Ledger verification', to: '/audit/verification', allowed: LEDGER },
    ],
  },
];

/** The menu a caller with `permissions` sees: only allowed entries, no empty groups. */
export function menuFor(permissions: ReadonlySet<string>): NavGroup[] {
  return NAV.map((group) => ({
    label: group.label,
    items: group.items.filter((item) => allows(permissions, item.allowed)),
  })).filter((group) => group.items.length > 0);
}
