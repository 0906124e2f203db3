// The routes: sign-in is public; everything else needs a session, renders in the shell,
// and is guarded by the same permissions as its menu entry. Screens load lazily, so
// the first page load carries only the shell.

import type { ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';

import type { Permission } from '@/lib/permissions/permissions';

import { Guard } from './routes/guard';
import { NotFoundRoute } from './routes/not-found';
import { RequireSession } from './routes/require-session';
import { SignInRoute } from './routes/sign-in';
import { Shell } from './shell';

const LEDGER: Permission[] = ['finance.ledger.read'];
const POST: Permission[] = ['finance.journals.post'];
const STOCK: Permission[] = ['inventory.stock.read'];
const EMPLOYEES: Permission[] = ['hr.employees.read', 'hr.employees.read_own'];
const PAYROLL: Permission[] = ['hr.payroll.read'];
const INSPECTIONS: Permission[] = ['compliance.inspections.read'];
const TICKETS: Permission[] = ['compliance.tickets.raise'];
const TIMESHEETS: Permission[] = ['hr.timesheets.write', 'hr.timesheets.approve', 'hr.payroll.read'];

/** A guarded, lazily loaded screen. */
function screen(path: string, allowed: Permission[], load: () => Promise<ComponentType>): RouteObject {
  return {
    element: <Guard allowed={allowed} />,
    children: [{ path, lazy: async () => ({ Component: await load() }) }],
  };
}

export function routes(onExpired: () => void): RouteObject[] {
  return [
    { path: '/sign-in', element: <SignInRoute /> },
    {
      element: <RequireSession onExpired={onExpired} />,
      children: [
        {
          element: <Shell />,
          children: [
            screen('/', [], async () => (await import('@/features/dashboard/routes/dashboard')).DashboardRoute),
            screen('/accounts', ['identity.read'], async () => (await import('@/features/identity/routes/accounts')).AccountsRoute),
            screen('/accounts/new', ['identity.write'], async () => (await import('@/features/identity/routes/account-form')).NewAccountRoute),
            screen('/accounts/:id', ['identity.read'], async () => (await import('@/features/identity/routes/account')).AccountRoute),
            screen('/accounts/:id/edit', ['identity.write'], async () => (await import('@/features/identity/routes/account-form')).EditAccountRoute),
            screen('/leads', ['identity.leads.read'], async () => (await import('@/features/identity/routes/leads')).LeadsRoute),
            screen('/users', ['identity.users.read'], async () => (await import('@/features/identity/routes/users')).UsersRoute),
            screen('/opportunities', ['sales.opportunities.read'], async () => (await import('@/features/sales/routes/opportunities')).OpportunitiesRoute),
            screen('/sales/pipeline', ['sales.opportunities.read'], async () => (await import('@/features/sales/routes/pipeline')).PipelineRoute),
            screen('/sales/campaigns', ['sales.opportunities.read'], async () => (await import('@/features/sales/routes/campaigns')).CampaignsRoute),
            screen('/sales/campaigns/:id', ['sales.opportunities.read'], async () => (await import('@/features/sales/routes/campaign')).CampaignRoute),
            screen('/sales/lead-scores', ['sales.opportunities.read'], async () => (await import('@/features/sales/routes/lead-scores')).LeadScoresRoute),
            screen('/sales/lead-scores/:leadId', ['sales.opportunities.read'], async () => (await import('@/features/sales/routes/lead-score')).LeadScoreRoute),
            screen('/sales/scoring-rules', ['sales.opportunities.read'], async () => (await import('@/features/sales/routes/scoring-rules')).ScoringRulesRoute),
            screen('/opportunities/:id/quotes', ['sales.opportunities.read'], async () => (await import('@/features/sales/routes/quotes')).QuotesRoute),
            screen('/opportunities/:id/quotes/new', ['sales.opportunities.write'], async () => (await import('@/features/sales/routes/quote-edit')).NewQuoteRoute),
            screen('/quotes/:id', ['sales.opportunities.read'], async () => (await import('@/features/sales/routes/quote')).QuoteRoute),
            screen('/quotes/:id/revise', ['sales.opportunities.write'], async () => (await import('@/features/sales/routes/quote-edit')).ReviseQuoteRoute),
            screen('/projects', ['orders.projects.read', 'orders.projects.read_assigned'], async () => (await import('@/features/orders/routes/projects')).ProjectsRoute),
            screen('/projects/:id', ['orders.projects.read', 'orders.projects.read_assigned'], async () => (await import('@/features/orders/routes/project')).ProjectRoute),
            screen('/sales-orders', ['orders.sales_orders.read'], async () => (await import('@/features/orders/routes/sales-orders')).SalesOrdersRoute),
            screen('/sales-orders/:id', ['orders.sales_orders.read'], async () => (await import('@/features/orders/routes/sales-order')).SalesOrderRoute),
            screen('/purchase-orders', ['orders.purchase_orders.read'], async () => (await import('@/features/orders/routes/purchase-orders')).PurchaseOrdersRoute),
            screen('/purchase-orders/:id', ['orders.purchase_orders.read'], async () => (await import('@/features/orders/routes/purchase-order')).PurchaseOrderRoute),
            screen('/inventory/stock', STOCK, async () => (await import('@/features/inventory/routes/stock')).StockRoute),
            screen('/inventory/stock/card', STOCK, async () => (await import('@/features/inventory/routes/stock-card')).StockCardRoute),
            screen('/inventory/catalogue', ['inventory.catalogue.read'], async () => (await import('@/features/inventory/routes/catalogue')).CatalogueRoute),
            screen('/inventory/counts', STOCK, async () => (await import('@/features/inventory/routes/counts')).CountsRoute),
            screen('/inventory/counts/:id', STOCK, async () => (await import('@/features/inventory/routes/count')).CountRoute),
            screen('/inventory/transfers', STOCK, async () => (await import('@/features/inventory/routes/transfers')).TransfersRoute),
            screen('/inventory/equipment', STOCK, async () => (await import('@/features/inventory/routes/equipment')).EquipmentRoute),
            screen('/employees', EMPLOYEES, async () => (await import('@/features/hr/routes/employees')).EmployeesRoute),
            screen('/employees/:id', EMPLOYEES, async () => (await import('@/features/hr/routes/employee')).EmployeeRoute),
            screen('/hr/leave', ['hr.leave.self_service'], async () => (await import('@/features/hr/routes/leave')).LeaveRoute),
            screen('/hr/timesheets', TIMESHEETS, async () => (await import('@/features/hr/routes/timesheets')).TimesheetsRoute),
            screen('/hr/pay-runs', PAYROLL, async () => (await import('@/features/hr/routes/pay-runs')).PayRunsRoute),
            screen('/hr/pay-runs/:id', PAYROLL, async () => (await import('@/features/hr/routes/pay-run')).PayRunRoute),
            screen('/hr/emp201', PAYROLL, async () => (await import('@/features/hr/routes/emp201')).Emp201Route),
            screen('/hr/payslips', ['hr.payroll.read', 'hr.employees.read_own'], async () => (await import('@/features/hr/routes/payslips')).PayslipsRoute),
            screen('/hr/payslips/:runId/:employeeId', ['hr.payroll.read', 'hr.employees.read_own'], async () => (await import('@/features/hr/routes/payslip')).PayslipRoute),
            screen('/hr/paye-calculator', PAYROLL, async () => (await import('@/features/hr/routes/paye-calculator')).PayeCalculatorRoute),
            screen('/compliance/inspections', INSPECTIONS, async () => (await import('@/features/compliance/routes/inspections')).InspectionsRoute),
            screen('/compliance/inspections/:id', INSPECTIONS, async () => (await import('@/features/compliance/routes/inspection')).InspectionRoute),
            screen('/compliance/actions', INSPECTIONS, async () => (await import('@/features/compliance/routes/actions')).ActionsRoute),
            screen('/compliance/incidents', INSPECTIONS, async () => (await import('@/features/compliance/routes/incidents')).IncidentsRoute),
            screen('/compliance/tickets', TICKETS, async () => (await import('@/features/compliance/routes/tickets')).TicketsRoute),
            screen('/compliance/tickets/:id', TICKETS, async () => (await import('@/features/compliance/routes/ticket')).TicketRoute),
            screen('/finance/invoices', LEDGER, async () => (await import('@/features/finance/routes/invoices')).InvoicesRoute),
            screen('/finance/invoices/new', POST, async () => (await import('@/features/finance/routes/raise-invoice')).RaiseInvoiceRoute),
            screen('/finance/invoices/:id', LEDGER, async () => (await import('@/features/finance/routes/invoice')).InvoiceRoute),
            screen('/finance/credit-notes', LEDGER, async () => (await import('@/features/finance/routes/documents')).CreditNotesRoute),
            screen('/finance/bills', LEDGER, async () => (await import('@/features/finance/routes/documents')).BillsRoute),
            screen('/finance/bills/:id', LEDGER, async () => (await import('@/features/finance/routes/bill')).BillRoute),
            screen('/finance/payments', LEDGER, async () => (await import('@/features/finance/routes/documents')).PaymentsRoute),
            screen('/finance/aged', LEDGER, async () => (await import('@/features/finance/routes/aged')).AgedRoute),
            screen('/finance/statements', LEDGER, async () => (await import('@/features/finance/routes/statements')).StatementsRoute),
            screen('/finance/vat', LEDGER, async () => (await import('@/features/finance/routes/vat-return')).VatReturnRoute),
            screen('/finance/bank', LEDGER, async () => (await import('@/features/finance/routes/bank')).BankRoute),
            screen('/finance/budgets', LEDGER, async () => (await import('@/features/finance/routes/budgets')).BudgetsRoute),
            screen('/audit/ledger-history', LEDGER, async () => (await import('@/features/finance/routes/ledger-history')).LedgerHistoryRoute),
            screen('/audit/verification', LEDGER, async () => (await import('@/features/finance/routes/verification')).VerificationRoute),
            { path: '*', element: <NotFoundRoute /> },
          ],
        },
      ],
    },
  ];
}

export function createRouter(onExpired: () => void) {
  return createBrowserRouter(routes(onExpired));
}
