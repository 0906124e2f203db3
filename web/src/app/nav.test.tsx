import { screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';

import { renderWithApp } from '@/test/render';

import { menuFor } from './nav';
import { Guard } from './routes/guard';
import { MainMenu } from './shell';

// The permissions the gateway grants these roles (docs/rbac.md).
const FINANCE_USER = ['identity.read', 'orders.projects.read', 'hr.employees.read_own', 'finance.ledger.read', 'finance.journals.post'];
const SITE_MANAGER = ['identity.read', 'orders.projects.read_assigned', 'hr.employees.read_own'];

describe('the permission-driven menu', () => {
  it('shows a finance user the finance screens', () => {
    renderWithApp(<MainMenu onNavigate={() => undefined} />, { permissions: FINANCE_USER });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Invoices' })).toHaveAttribute('href', '/finance/invoices');
    expect(within(nav).getByRole('link', { name: 'Ledger history' })).toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Leads' })).not.toBeInTheDocument();
  });

  it('shows a site manager no finance at all, but their projects', () => {
    renderWithApp(<MainMenu onNavigate={() => undefined} />, { permissions: SITE_MANAGER });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByText('Finance')).not.toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Invoices' })).not.toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: 'Projects' })).toBeInTheDocument();
  });

  it('shows the order screens only to the roles that read them', () => {
    const labels = (permissions: string[]) => menuFor(new Set(permissions)).flatMap((g) => g.items.map((i) => i.label));
    // A site manager reads purchase orders (theirs) but not sales orders; a sales rep the reverse.
    expect(labels([...SITE_MANAGER, 'orders.purchase_orders.read'])).toContain('Purchase orders');
    expect(labels([...SITE_MANAGER, 'orders.purchase_orders.read'])).not.toContain('Sales orders');
    expect(labels(['identity.read', 'orders.sales_orders.read'])).toEqual(['Dashboard', 'Accounts', 'Sales orders']);
    expect(labels(SITE_MANAGER)).not.toContain('Purchase orders');
  });

  it('shows the stock, counts, transfers and equipment only to those who read stock', () => {
    const groups = menuFor(new Set(['identity.read', 'inventory.stock.read', 'inventory.stock.write']));
    expect(groups.find((g) => g.label === 'Inventory')?.items.map((i) => [i.label, i.to, i.allowed])).toEqual([
      ['Stock', '/inventory/stock', ['inventory.stock.read']],
      ['Counts', '/inventory/counts', ['inventory.stock.read']],
      ['Transfers', '/inventory/transfers', ['inventory.stock.read']],
      ['Equipment', '/inventory/equipment', ['inventory.stock.read']],
    ]);
    expect(menuFor(new Set(SITE_MANAGER)).map((g) => g.label)).not.toContain('Inventory');
  });

  it('shows the pipeline board to those who read opportunities, the catalogue to those who read it', () => {
    const labels = (permissions: string[]) => menuFor(new Set(permissions)).flatMap((g) => g.items.map((i) => [i.label, i.to]));
    // A sales rep reads opportunities and the catalogue, but not stock.
    const rep = labels(['identity.read', 'sales.opportunities.read', 'sales.opportunities.write', 'inventory.catalogue.read']);
    expect(rep).toContainEqual(['Pipeline board', '/sales/pipeline']);
    expect(rep).toContainEqual(['Catalogue', '/inventory/catalogue']);
    expect(rep).not.toContainEqual(['Stock', '/inventory/stock']);
    expect(labels(SITE_MANAGER)).not.toContainEqual(['Pipeline board', '/sales/pipeline']);
  });

  it('shows campaigns and lead scores to those who read opportunities', () => {
    const sales = (permissions: string[]) => menuFor(new Set(permissions)).find((g) => g.label === 'Sales')?.items.map((i) => [i.label, i.to]) ?? [];
    expect(sales(['identity.read', 'sales.opportunities.read'])).toEqual(expect.arrayContaining([['Campaigns', '/sales/campaigns'], ['Lead scores', '/sales/lead-scores']]));
    expect(sales(SITE_MANAGER)).toEqual([]);
  });

  it('shows the PAYE calculator only to those who read payroll', () => {
    const people = (permissions: string[]) => menuFor(new Set(permissions)).find((g) => g.label === 'Projects & people')?.items.map((i) => [i.label, i.to]) ?? [];
    // Payroll officers, HR managers, auditors and administrators hold `hr.payroll.read`.
    expect(people(['hr.employees.read', 'hr.payroll.read'])).toContainEqual(['PAYE calculator', '/hr/paye-calculator']);
    expect(people(['hr.employees.read', 'hr.employees.write'])).not.toContainEqual(['PAYE calculator', '/hr/paye-calculator']);
    expect(people(SITE_MANAGER)).not.toContainEqual(['PAYE calculator', '/hr/paye-calculator']);
  });

  it('shows leave and payslips to everyone, timesheets to those who capture or approve them, pay runs to payroll', () => {
    const people = (permissions: string[]) => menuFor(new Set(permissions)).find((g) => g.label === 'Projects & people')?.items.map((i) => i.label) ?? [];
    const employee = ['hr.employees.read_own', 'hr.leave.self_service'];
    expect(people(employee)).toEqual(['Employees', 'Leave', 'Payslips']);
    expect(people([...SITE_MANAGER, 'hr.leave.self_service', 'hr.timesheets.write', 'hr.timesheets.approve'])).toEqual(['Projects', 'Employees', 'Leave', 'Timesheets', 'Payslips']);
    expect(people([...employee, 'hr.employees.read', 'hr.payroll.read', 'hr.payroll.run', 'hr.timesheets.write'])).toEqual(['Employees', 'Leave', 'Timesheets', 'Pay runs', 'EMP201', 'Payslips', 'PAYE calculator']);
  });

  it('drops groups with nothing allowed', () => {
    const groups = menuFor(new Set(['hr.employees.read_own']));
    expect(groups.map((g) => g.label)).toEqual(['Overview', 'Projects & people']);
  });
});

describe('a direct URL to a forbidden screen', () => {
  it('says it is not allowed for the role', () => {
    renderWithApp(
      <Routes>
        <Route element={<Guard allowed={['finance.ledger.read']} />}>
          <Route path="/finance/invoices" element={<p>the invoices</p>} />
        </Route>
      </Routes>,
      { permissions: SITE_MANAGER, path: '/finance/invoices' },
    );
    expect(screen.getByRole('alert')).toHaveTextContent('not allowed for your role');
    expect(screen.queryByText('the invoices')).not.toBeInTheDocument();
  });
});
