import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { GraphqlRequestError } from '@/lib/errors';
import { renderWithApp } from '@/test/render';

import { InspectionQuery } from '../api/get-inspection';
import { InspectionTemplatesQuery } from '../api/get-inspection-templates';
import { RaiseCorrectiveActionMutation } from '../api/raise-corrective-action';
import { RecordInspectionItemMutation } from '../api/record-inspection-item';
import { VerifyCorrectiveActionMutation } from '../api/verify-corrective-action';
import { InspectionRoute } from './inspection';

const execute = vi.hoisted(() => vi.fn());
vi.mock('@/lib/graphql', () => ({ execute }));

const SLOW = { timeout: 8000 };
const SAFETY_OFFICER = ['compliance.inspections.read', 'compliance.inspections.write', 'compliance.actions.write'];
const SITE_MANAGER = ['compliance.inspections.read', 'compliance.actions.write'];

const TEMPLATE = {
  code: 'SITE-WEEKLY',
  name: 'Weekly site safety inspection',
  sections: [
    { title: 'Fall protection', items: [{ code: 'FP-01', text: 'Fall protection plan on site', regulation: 'reg. 10(1)' }] },
    { title: 'Scaffolding', items: [{ code: 'SC-01', text: 'Scaffolds inspected weekly', regulation: 'reg. 16(4)' }] },
  ],
};

const ACTION = {
  id: 'act-1',
  inspectionId: 'ins-1',
  siteId: 'SITE-1',
  area: 'Block A',
  itemCode: 'FP-01',
  severity: 'HIGH',
  owner: 'sipho.site',
  due: '2000-01-05',
  status: 'EVIDENCE_SUBMITTED',
  escalation: 'SITE_MANAGER',
  escalatedAt: '2000-01-06T08:00:00Z',
  evidenceNote: 'Guardrail fitted',
  verifiedBy: null,
};

let inspection: Record<string, unknown>;

function serve(refuse?: Error) {
  execute.mockImplementation(async (document: unknown, variables: Record<string, unknown>) => {
    if (document === InspectionTemplatesQuery) return { inspectionTemplates: [TEMPLATE] };
    if (document === InspectionQuery) return { inspection };
    if (refuse) throw refuse;
    if (document === RecordInspectionItemMutation) {
      inspection = {
        ...inspection,
        items: [...(inspection.items as unknown[]), { itemCode: variables.itemCode, result: variables.result, severity: null, note: variables.note, photos: [] }],
      };
      return { recordInspectionItem: { id: 'ins-1', correlationId: 'c1' } };
    }
    if (document === RaiseCorrectiveActionMutation) {
      inspection = { ...inspection, actions: [{ ...ACTION, id: 'act-2', status: 'OPEN', escalation: null, evidenceNote: null, owner: variables.owner, due: variables.due }] };
      return { raiseCorrectiveAction: { id: 'act-2', correlationId: 'c2' } };
    }
    if (document === VerifyCorrectiveActionMutation) return { verifyCorrectiveAction: { id: 'ins-1', correlationId: 'c3' } };
    throw new Error(`an unexpected request: ${String(document).slice(0, 60)}`);
  });
}

const show = (permissions: string[]) =>
  renderWithApp(
    <Routes>
      <Route path="/compliance/inspections/:id" element={<InspectionRoute />} />
    </Routes>,
    { permissions, path: '/compliance/inspections/ins-1' },
  );

beforeEach(() => {
  execute.mockReset();
  inspection = {
    id: 'ins-1',
    template: 'SITE-WEEKLY',
    siteId: 'SITE-1',
    projectId: null,
    area: 'Block A',
    inspector: 'thabo.safety',
    inspectedOn: '2026-03-02',
    status: 'IN_PROGRESS',
    passed: 0,
    failed: 1,
    notApplicable: 0,
    stopped: true,
    items: [{ itemCode: 'FP-01', result: 'FAIL', severity: 'HIGH', note: 'No guardrail on lift 2', photos: ['doc-7'] }],
    actions: [],
    updatedAt: '2026-03-02T08:00:00Z',
  };
});

describe('the inspection checklist', () => {
  it('shows the stopped banner, the progress and each item; an answer is sent and read back', SLOW, async () => {
    serve();
    show(SAFETY_OFFICER);
    expect(await screen.findByLabelText('Area stopped')).toHaveTextContent('stops work in Block A');
    expect(screen.getByText('1 of 2 answered')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Complete inspection' })).toBeDisabled();
    const item = screen.getByRole('article', { name: 'SC-01 Scaffolds inspected weekly' });
    expect(within(item).getByText('reg. 16(4)')).toBeInTheDocument();
    await userEvent.click(within(item).getByRole('button', { name: 'Pass' }));
    expect(await within(item).findByText('Passed', {}, SLOW)).toBeInTheDocument();
    expect(await screen.findByText('2 of 2 answered')).toBeInTheDocument();
    expect(execute).toHaveBeenCalledWith(RecordInspectionItemMutation, { inspectionId: 'ins-1', itemCode: 'SC-01', result: 'PASS', note: '', photos: [], severity: null });
    expect(screen.getByRole('button', { name: 'Complete inspection' })).toBeEnabled();
  });

  it('raises an action on a finding for a safety officer', SLOW, async () => {
    serve();
    show(SAFETY_OFFICER);
    const finding = await screen.findByRole('article', { name: 'Finding FP-01' });
    expect(within(finding).getByText('No guardrail on lift 2')).toBeInTheDocument();
    await userEvent.click(within(finding).getByRole('button', { name: 'Raise action' }));
    const form = await screen.findByRole('form', { name: 'Raise action on FP-01' });
    await userEvent.type(within(form).getByLabelText(/Owner/), 'sipho.site');
    await userEvent.click(within(form).getByRole('button', { name: 'Raise action' }));
    const action = await screen.findByRole('article', { name: 'Action on FP-01' }, SLOW);
    expect(action).toHaveTextContent('Owner sipho.site');
    expect(execute).toHaveBeenCalledWith(RaiseCorrectiveActionMutation, expect.objectContaining({ inspectionId: 'ins-1', itemCode: 'FP-01', owner: 'sipho.site' }));
  });

  it('gives a site manager evidence, not answers, raising or verifying', async () => {
    inspection = { ...inspection, actions: [ACTION] };
    serve();
    show(SITE_MANAGER);
    const action = await screen.findByRole('article', { name: 'Action on FP-01' });
    expect(within(action).getByText('Overdue')).toBeInTheDocument();
    expect(within(action).getByText('Escalated to site manager')).toBeInTheDocument();
    expect(within(action).getByRole('button', { name: 'Submit evidence' })).toBeInTheDocument();
    expect(within(action).queryByRole('button', { name: 'Verify' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Raise action' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Pass' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Complete inspection' })).not.toBeInTheDocument();
  });

  it('shows the server’s refusal of a verification in its words', async () => {
    inspection = { ...inspection, actions: [ACTION] };
    serve(new GraphqlRequestError([{ message: 'only the inspector verifies a corrective action', extensions: { code: 'BAD_USER_INPUT' } }], 200));
    show(SAFETY_OFFICER);
    const action = await screen.findByRole('article', { name: 'Action on FP-01' });
    await userEvent.click(within(action).getByRole('button', { name: 'Verify' }));
    const alert = await within(action).findByRole('alert');
    expect(alert).toHaveTextContent('Not verified');
    expect(alert).toHaveTextContent('Only the inspector verifies a corrective action.');
  });
});
