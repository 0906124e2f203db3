import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { GraphqlRequestError } from '@/lib/errors';
import { renderWithApp } from '@/test/render';

import { ChecklistItem } from './checklist-item';

const ENTRY = { code: 'SC-02', text: 'Guardrails and toeboards on every working platform', regulation: 'Construction Regulations 2014, reg. 16(1)' };

describe('the checklist item', () => {
  it('shows the item and its regulation, and sends Pass and N/A at once', async () => {
    const onSend = vi.fn();
    renderWithApp(<ChecklistItem entry={ENTRY} onSend={onSend} />);
    expect(screen.getByText('SC-02 Guardrails and toeboards on every working platform')).toBeInTheDocument();
    expect(screen.getByText('Construction Regulations 2014, reg. 16(1)')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Pass' }));
    expect(onSend).toHaveBeenLastCalledWith({ itemCode: 'SC-02', result: 'PASS', note: '', photos: [], severity: null });
    expect(screen.getByRole('button', { name: 'Pass' })).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(screen.getByRole('button', { name: 'N/A' }));
    expect(onSend).toHaveBeenLastCalledWith({ itemCode: 'SC-02', result: 'NOT_APPLICABLE', note: '', photos: [], severity: null });
  });

  it('sends a failure only with a note and a severity', async () => {
    const onSend = vi.fn();
    renderWithApp(<ChecklistItem entry={ENTRY} onSend={onSend} />);
    await userEvent.click(screen.getByRole('button', { name: 'Fail' }));
    expect(onSend).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Record failure' }));
    expect(screen.getByText('Say what failed.')).toBeInTheDocument();
    expect(screen.getByText('Choose how serious it is.')).toBeInTheDocument();
    expect(onSend).not.toHaveBeenCalled();

    await userEvent.type(screen.getByLabelText(/What failed/), 'No guardrail on lift 2');
    await userEvent.click(screen.getByRole('button', { name: 'Record failure' }));
    expect(screen.queryByText('Say what failed.')).not.toBeInTheDocument();
    expect(screen.getByText('Choose how serious it is.')).toBeInTheDocument();
    expect(onSend).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole('button', { name: 'High' }));
    expect(screen.getByText(/stops work in the area/)).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Photo document id (optional)'), 'doc-42');
    await userEvent.click(screen.getByRole('button', { name: 'Record failure' }));
    expect(onSend).toHaveBeenCalledTimes(1);
    expect(onSend).toHaveBeenCalledWith({ itemCode: 'SC-02', result: 'FAIL', note: 'No guardrail on lift 2', photos: ['doc-42'], severity: 'HIGH' });
  });

  it('shows what was recorded, read-only once completed', () => {
    renderWithApp(<ChecklistItem entry={ENTRY} readOnly recorded={{ result: 'FAIL', severity: 'MEDIUM', note: 'Toeboard loose', photos: [] }} onSend={vi.fn()} />);
    expect(screen.getByText('Failed · Medium')).toBeInTheDocument();
    expect(screen.getByText('Toeboard loose')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Pass' })).not.toBeInTheDocument();
  });

  it('shows the server’s refusal in its words', () => {
    const refusal = new GraphqlRequestError([{ message: 'the inspection is completed; its results stand', extensions: { code: 'BAD_USER_INPUT' } }], 200);
    renderWithApp(<ChecklistItem entry={ENTRY} error={refusal} onSend={vi.fn()} />);
    expect(screen.getByRole('alert')).toHaveTextContent('SC-02 was not recorded');
    expect(screen.getByRole('alert')).toHaveTextContent('The inspection is completed; its results stand.');
  });
});
