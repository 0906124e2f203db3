// The permissions the gateway grants (`me { permissions }`), as in docs/rbac.md. The
// page hides what a role may not do; the server still refuses on its own.

export type Permission =
  | 'identity.read'
  | 'identity.write'
  | 'identity.users.read'
  | 'identity.users.admin'
  | 'identity.leads.read'
  | 'identity.leads.write'
  | 'orders.projects.read'
  | 'orders.projects.read_assigned'
  | 'orders.projects.write'
  | 'orders.claims.write'
  | 'orders.claims.approve'
  | 'orders.sales_orders.read'
  | 'orders.sales_orders.write'
  | 'orders.purchase_orders.read'
  | 'orders.purchase_orders.write'
  | 'orders.purchase_orders.approve'
  | 'orders.goods.receive'
  | 'sales.opportunities.read'
  | 'sales.opportunities.write'
  | 'sales.settings.write'
  | 'inventory.stock.read'
  | 'inventory.stock.write'
  | 'inventory.catalogue.read'
  | 'inventory.catalogue.write'
  | 'hr.employees.read'
  | 'hr.employees.read_own'
  | 'hr.employees.write'
  | 'hr.employees.read_sensitive'
  | 'hr.payroll.read'
  | 'hr.payroll.run'
  | 'hr.payroll.approve'
  | 'hr.leave.self_service'
  | 'hr.timesheets.write'
  | 'hr.timesheets.approve'
  | 'compliance.inspections.read'
  | 'compliance.inspections.write'
  | 'compliance.actions.write'
  | 'compliance.incidents.write'
  | 'compliance.tickets.raise'
  | 'compliance.tickets.work'
  | 'finance.ledger.read'
  | 'finance.journals.post'
  | 'finance.accounts.manage'
  | 'finance.periods.close'
  | 'finance.periods.reopen';

/** Whether `granted` holds any of `needed` (an empty list needs nothing). */
export function allows(granted: ReadonlySet<string>, needed: Permission | readonly Permission[]): boolean {
  const list = typeof needed === 'string' ? [needed] : needed;
  return list.length === 0 || list.some((permission) => granted.has(permission));
}
