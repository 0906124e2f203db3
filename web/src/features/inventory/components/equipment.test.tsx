import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { renderWithApp } from '@/test/render';

import { CheckInEquipmentMutation } from '../api/equipment-commands';
import { EquipmentQuery, EquipmentUtilisationQuery, type EquipmentRow } from '../api/get-equipment';
import { InventoryProjectNamesQuery } from '../api/get-project-names';
import { EquipmentRoute } from '../routes/equipment';
import { CheckInForm } from './equipment-forms';
import { EquipmentTable } from './equipment-table';

const execute = vi.hoisted(() => vi.fn());
vi.mock('@/lib/graphql', () => ({ execute }));

const SLOW = { timeout: 5000 };

const item = (code: string, over: Partial<EquipmentRow> = {}): EquipmentRow => ({
  code,
  description: 'CAT 428 backhoe loader',
  category: 'TLB',
  serialNumber: 'SN-1',
  ownership: 'OWNED',
  meterKind: 'HOURS',
  dailyRate: '1850.00',
  meter: '1240.5',
  meterReadOn: '2026-12-01',
  projectId: null,
  outSince: null,
  lastServiceOn: '2026-06-01',
  serviceDueMeter: '1500',
  serviceDueOn: '2026-12-31',
  serviceOverdue: false,
  ...over,
});

const TLB = item('TLB-01', { projectId: 'prj-1', outSince: '2026-11-20' });
const GEN = item('GEN-02', { description: 'Generator 60 kVA', category: 'Generator', serviceOverdue: true, serviceDueMeter: null, serviceDueOn: '2026-11-30' });

describe('the equipment register', () => {
  beforeEach(() => {
    execute.mockReset();
  });

  it('marks an item overdue for service in red, and no other', () => {
    renderWithApp(<EquipmentTable rows={[TLB, GEN]} projectName={(id) => (id === 'prj-1' ? 'PRJ-2026-001 Sandton Office Park' : id)} />);
    const table = screen.getByRole('table', { name: 'Equipment register' });
    const overdue = within(table).getByRole('row', { name: 'GEN-02' });
    expect(within(overdue).getByText('overdue')).toBeInTheDocument();
    expect(overdue).toHaveTextContent('by 2026-11-30');
    expect(overdue).toHaveTextContent('yard');
    const out = within(table).getByRole('row', { name: 'TLB-01' });
    expect(within(out).queryByText('overdue')).not.toBeInTheDocument();
    expect(out).toHaveTextContent('at 1500 h, by 2026-12-31');
    expect(out).toHaveTextContent('PRJ-2026-001 Sandton Office Park');
    expect(out).toHaveTextContent('1240.5 h');
  });

  it('asks for only the overdue items, and sums the utilisation in cents', async () => {
    execute.mockImplementation(async (document: unknown, variables: { overdueOnly?: boolean }) => {
      if (document === EquipmentQuery) return { equipment: variables.overdueOnly ? [GEN] : [TLB, GEN] };
      if (document === EquipmentUtilisationQuery)
        return { equipmentUtilisation: [{ code: 'TLB-01', projectId: 'prj-1', spells: 2, days: 9, charge: '16650.10' }, { code: 'GEN-02', projectId: 'prj-1', spells: 1, days: 3, charge: '0.20' }] };
      if (document === InventoryProjectNamesQuery) return { projects: [{ id: 'prj-1', code: 'PRJ-2026-001', name: 'Sandton Office Park' }] };
      throw new Error('an unexpected request');
    });
    const user = userEvent.setup({ delay: null });
    renderWithApp(<EquipmentRoute />, { permissions: ['inventory.stock.read', 'orders.projects.read'], path: '/inventory/equipment' });
    const table = await screen.findByRole('table', { name: 'Equipment register' }, SLOW);
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(screen.queryByRole('button', { name: 'Register equipment' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'Overdue only' }));
    expect(execute).toHaveBeenCalledWith(EquipmentQuery, { projectId: null, overdueOnly: true });
    await within(table).findByText('GEN-02', {}, SLOW);
    expect(within(screen.getByRole('table', { name: 'Equipment register' })).getAllByRole('row')).toHaveLength(2);
    const total = await screen.findByRole('table', { name: 'Utilisation total' }, SLOW);
    expect(total).toHaveTextContent('R 16 650.30');
    expect(screen.getByRole('table', { name: 'Equipment utilisation' })).toHaveTextContent('PRJ-2026-001 Sandton Office Park');
  });
});

describe('checking an item in', () => {
  it('takes a meter of nought or more with at most one decimal place', async () => {
    const onSubmit = vi.fn();
    const user = userEvent.setup({ delay: null });
    renderWithApp(<CheckInForm item="TLB-01" onSubmit={onSubmit} onCancel={() => undefined} />);
    const form = within(screen.getByRole('form', { name: 'Check in' }));
    const meter = form.getByLabelText(/^Meter/);
    await user.type(meter, '-1');
    expect(form.getByText('Enter a meter reading of nought or more')).toBeInTheDocument();
    await user.clear(meter);
    await user.type(meter, '1250.25');
    expect(form.getByText('At most one decimal place')).toBeInTheDocument();
    await user.click(form.getByRole('button', { name: 'Check in' }));
    expect(onSubmit).not.toHaveBeenCalled();
    await user.clear(meter);
    await user.type(meter, 'ten');
    expect(form.getByText('Enter a meter reading of nought or more')).toBeInTheDocument();
    await user.clear(meter);
    await user.type(meter, '1250.5');
    await user.clear(form.getByLabelText(/^On/));
    await user.type(form.getByLabelText(/^On/), '2026-12-02');
    await user.click(form.getByRole('button', { name: 'Check in' }));
    expect(onSubmit).toHaveBeenCalledWith({ code: 'TLB-01', on: '2026-12-02', meter: '1250.5' });
  });

  it('shows the server’s refusal at the meter', async () => {
    const { GraphqlRequestError } = await import('@/lib/errors');
    const refusal = new GraphqlRequestError([{ message: 'meter: 1200 is below the last reading of 1240.5', extensions: { code: 'BAD_USER_INPUT' } }], 200);
    renderWithApp(<CheckInForm item="TLB-01" onSubmit={() => undefined} onCancel={() => undefined} error={refusal} />);
    expect(screen.getByText(/^1200 is below the last reading of 1240\.5/)).toBeInTheDocument();
  });
});

// The mutation is imported so that a schema change to it fails here too.
void CheckInEquipmentMutation;
