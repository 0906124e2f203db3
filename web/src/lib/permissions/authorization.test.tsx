import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { renderWithApp } from '@/test/render';

import { Authorization } from './authorization';

describe('<Authorization>', () => {
  it('shows its children to a caller with the permission', () => {
    renderWithApp(
      <Authorization allowed="finance.journals.post" fallback={<p>not for you</p>}>
        <button>Raise invoice</button>
      </Authorization>,
      { permissions: ['finance.ledger.read', 'finance.journals.post'] },
    );
    expect(screen.getByRole('button', { name: 'Raise invoice' })).toBeInTheDocument();
    expect(screen.queryByText('not for you')).not.toBeInTheDocument();
  });

  it('shows the fallback to a caller without it', () => {
    renderWithApp(
      <Authorization allowed="finance.journals.post" fallback={<p>not for you</p>}>
        <button>Raise invoice</button>
      </Authorization>,
      { permissions: ['finance.ledger.read'] },
    );
    expect(screen.queryByRole('button', { name: 'Raise invoice' })).not.toBeInTheDocument();
    expect(screen.getByText('not for you')).toBeInTheDocument();
  });

  it('allows when any one of several permissions is held', () => {
    renderWithApp(
      <Authorization allowed={['orders.projects.read', 'orders.projects.read_assigned']}>
        <p>projects</p>
      </Authorization>,
      { permissions: ['orders.projects.read_assigned'] },
    );
    expect(screen.getByText('projects')).toBeInTheDocument();
  });
});
