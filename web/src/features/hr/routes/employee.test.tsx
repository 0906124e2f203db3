import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { GraphqlRequestError } from '@/lib/errors';
import { renderWithApp } from '@/test/render';

import { EmployeeQuery } from '../api/get-employee';
import { EmployeesQuery } from '../api/get-employees';
import { MyEmployeeQuery } from '../api/get-my-employee';
import { SetEmployeeProfileMutation } from '../api/set-employee-profile';
import { EmployeeRoute } from './employee';

const execute = vi.hoisted(() => vi.fn());
vi.mock('@/lib/graphql', () => ({ execute }));

const SLOW = { timeout: 5000 };
const HR_MANAGER = ['hr.employees.read', 'hr.employees.read_own', 'hr.employees.write', 'hr.employees.read_sensitive', 'hr.payroll.read'];
const AUDITOR = ['hr.employees.read', 'hr.employees.read_own', 'hr.payroll.read'];

const SENSITIVE = {
  idNumber: '8001015009087',
  passportNumber: null,
  passportCountry: null,
  dateOfBirth: '1980-01-01',
  taxNumber: '0123456789',
  bankAccount: { bank: 'FNB', branchCode: '250655', accountNumber: '62123456789', accountType: 'CHEQUE' },
  payRate: '30000.00',
  medicalMembers: 2,
};

const thandi = (patch: Record<string, unknown> = {}) => ({
  id: 'emp-3',
  employeeNumber: 'EMP-2003',
  firstName: 'Thandi',
  lastName: 'Mokoena',
  jobTitle: 'Quantity surveyor',
  hiredOn: '2024-03-01',
  siteId: 'SITE-HR',
  lastDay: null,
  terminationReason: null,
  employmentType: 'PERMANENT',
  contractEnds: null,
  trade: null,
  costRate: '250.00',
  daysPerWeek: 5,
  leaveBasis: 'PER_CYCLE',
  lineManagerId: 'emp-1',
  projectId: 'PRJ-HR-1',
  costCode: 'SUPERVISION',
  ...SENSITIVE,
  createdAt: '2026-01-05T08:00:00Z',
  updatedAt: '2026-01-05T08:00:00Z',
  ...patch,
});

let record: Record<string, unknown>;

function serve(refuse?: Error) {
  execute.mockImplementation(async (document: unknown, variables: Record<string, unknown>) => {
    if (document === EmployeeQuery) return { employee: variables.id === record.id ? record : null };
    if (document === EmployeesQuery)
      return {
        employees: [
          { id: 'emp-1', employeeNumber: 'EMP-2001', firstName: 'Kagiso', lastName: 'Molefe', jobTitle: 'Site agent', hiredOn: '2024-03-01', siteId: null, lastDay: null, employmentType: 'PERMANENT', trade: null },
          { id: 'emp-3', employeeNumber: 'EMP-2003', firstName: 'Thandi', lastName: 'Mokoena', jobTitle: 'Quantity surveyor', hiredOn: '2024-03-01', siteId: null, lastDay: null, employmentType: 'PERMANENT', trade: null },
        ],
      };
    if (document === MyEmployeeQuery) return { me: { subject: 'someone', assignments: { employeeId: null } } };
    if (document === SetEmployeeProfileMutation) {
      if (refuse) throw refuse;
      const input = variables.input as Record<string, unknown>;
      record = { ...record, ...input, updatedAt: '2026-01-06T09:00:00Z' };
      return { setEmployeeProfile: { id: 'emp-3', correlationId: 'c1' } };
    }
    throw new Error(`an unexpected request: ${String(document).slice(0, 60)}`);
  });
}

const show = (permissions: string[]) =>
  renderWithApp(
    <Routes>
      <Route path="/employees/:id" element={<EmployeeRoute />} />
    </Routes>,
    { permissions, path: '/employees/emp-3' },
  );

const fact = (table: string, name: string) => within(within(screen.getByRole('table', { name: table })).getByRole('rowheader', { name }).closest('tr') as HTMLElement).getByRole('cell');

describe('an employee’s page', () => {
  beforeEach(() => {
    execute.mockReset();
    record = thandi();
    serve();
  });

  it('shows HR the profile with its sensitive fields, and Edit profile', async () => {
    show(HR_MANAGER);
    expect(await screen.findByRole('heading', { name: 'EMP-2003 Thandi Mokoena' }, SLOW)).toBeInTheDocument();
    expect(fact('Employment', 'Employment type')).toHaveTextContent('Permanent (monthly)');
    expect(fact('Employment', 'Cost rate (an hour)')).toHaveTextContent('R 250.00');
    expect(await screen.findByRole('link', { name: 'EMP-2001 Kagiso Molefe' }, SLOW)).toHaveAttribute('href', '/employees/emp-1');
    expect(fact('Personal and pay', 'ID number')).toHaveTextContent('8001015009087');
    expect(fact('Personal and pay', 'Bank account')).toHaveTextContent('FNB, branch 250655, Cheque 62123456789');
    expect(fact('Personal and pay', 'Pay rate (a month)')).toHaveTextContent('R 30 000.00');
    expect(fact('Personal and pay', 'Passport')).toHaveTextContent('—');
    expect(screen.getByRole('button', { name: 'Edit profile' })).toBeInTheDocument();
  });

  it('shows a reader without the sensitive permission "visible to HR only", and no Edit profile', async () => {
    record = thandi({ idNumber: null, passportNumber: null, passportCountry: null, dateOfBirth: null, taxNumber: null, bankAccount: null, payRate: null, medicalMembers: null });
    show(AUDITOR);
    expect(await screen.findByRole('heading', { name: 'EMP-2003 Thandi Mokoena' }, SLOW)).toBeInTheDocument();
    for (const name of ['ID number', 'Tax number', 'Bank account', 'Pay rate (a month)', 'Medical scheme members']) {
      expect(fact('Personal and pay', name)).toHaveTextContent('visible to HR only');
    }
    expect(fact('Employment', 'Cost rate (an hour)')).toHaveTextContent('R 250.00');
    expect(screen.queryByRole('button', { name: 'Edit profile' })).not.toBeInTheDocument();
  });

  it('sends the profile as edited and shows it once read back', async () => {
    const user = userEvent.setup({ delay: null });
    show(HR_MANAGER);
    await user.click(await screen.findByRole('button', { name: 'Edit profile' }, SLOW));
    const form = await screen.findByRole('form', { name: 'Edit profile' }, SLOW);
    await user.clear(within(form).getByLabelText(/^Monthly salary/));
    await user.type(within(form).getByLabelText(/^Monthly salary/), '32000.00');
    await user.clear(within(form).getByLabelText(/^Cost code/));
    await user.type(within(form).getByLabelText(/^Cost code/), 'supervision');
    await user.click(within(form).getByRole('button', { name: 'Save profile' }));
    expect(await screen.findByText('Profile saved.', {}, SLOW)).toBeInTheDocument();
    expect(execute).toHaveBeenCalledWith(SetEmployeeProfileMutation, {
      input: {
        employeeId: 'emp-3',
        idNumber: '8001015009087',
        passportNumber: null,
        passportCountry: null,
        dateOfBirth: null,
        taxNumber: '0123456789',
        bankAccount: { bank: 'FNB', branchCode: '250655', accountNumber: '62123456789', accountType: 'CHEQUE' },
        employmentType: 'PERMANENT',
        contractEnds: null,
        trade: null,
        payRate: '32000.00',
        costRate: '250.00',
        daysPerWeek: 5,
        leaveBasis: 'PER_CYCLE',
        lineManagerId: 'emp-1',
        projectId: 'PRJ-HR-1',
        costCode: 'SUPERVISION',
        medicalMembers: 2,
      },
    });
    expect(await screen.findByText('R 32 000.00', {}, SLOW)).toBeInTheDocument();
  });

  it('checks the shape of what is typed before anything is sent', async () => {
    const user = userEvent.setup({ delay: null });
    show(HR_MANAGER);
    await user.click(await screen.findByRole('button', { name: 'Edit profile' }, SLOW));
    const form = await screen.findByRole('form', { name: 'Edit profile' }, SLOW);
    await user.clear(within(form).getByLabelText(/^ID number/));
    await user.type(within(form).getByLabelText(/^ID number/), '80010150');
    await user.clear(within(form).getByLabelText(/^Branch code/));
    await user.type(within(form).getByLabelText(/^Branch code/), '2506');
    await user.selectOptions(within(form).getByLabelText(/^Employment type/), 'FIXED_TERM');
    await user.click(within(form).getByRole('button', { name: 'Save profile' }));
    expect(await within(form).findByText('A South African identity number: 13 digits', {}, SLOW)).toBeInTheDocument();
    expect(within(form).getByText('Six digits')).toBeInTheDocument();
    expect(within(form).getByText('Required for a fixed term')).toBeInTheDocument();
    expect(execute).not.toHaveBeenCalledWith(SetEmployeeProfileMutation, expect.anything());
  });

  it('shows the server’s refusal at the field it names, in its words', async () => {
    serve(new GraphqlRequestError([{ message: 'input.idNumber: 8001015009088 is not an identity number with a valid check digit', extensions: { code: 'BAD_USER_INPUT' } }], 200));
    const user = userEvent.setup({ delay: null });
    show(HR_MANAGER);
    await user.click(await screen.findByRole('button', { name: 'Edit profile' }, SLOW));
    const form = await screen.findByRole('form', { name: 'Edit profile' }, SLOW);
    await user.clear(within(form).getByLabelText(/^ID number/));
    await user.type(within(form).getByLabelText(/^ID number/), '8001015009088');
    await user.click(within(form).getByRole('button', { name: 'Save profile' }));

    const alert = await within(form).findByRole('alert', {}, SLOW);
    expect(alert).toHaveTextContent('The profile was not saved');
    expect(alert).toHaveTextContent('8001015009088 is not an identity number with a valid check digit.');
    const id = within(form).getByLabelText(/^ID number/);
    expect(id).toHaveAttribute('aria-invalid', 'true');
    expect(id).toHaveAccessibleDescription(expect.stringContaining('8001015009088 is not an identity number with a valid check digit.'));
    expect(screen.queryByText('Profile saved.')).not.toBeInTheDocument();
  });
});
