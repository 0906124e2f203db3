// Pay runs (`/hr/pay-runs`, `hr.payroll.read`), latest pay date first: the period (a
// link to the run), pay date, status, employees and the totals — gross, PAYE, UIF
// (employee and employer), SDL and net pay. **New pay run** for `hr.payroll.run`
// (payroll officers, administrators): the run's page follows once it can be read.

import { Button, Modal } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';

import { AppLink } from '@/components/ui/link';
import { Page } from '@/components/ui/page';
import { QueryState } from '@/components/ui/query-state';
import { Authorization } from '@/lib/permissions/authorization';

import { usePayRuns } from '../api/get-pay-runs';
import { useOpenPayRun } from '../api/open-pay-run';
import { PayRunForm } from '../components/pay-run-form';
import { PayRunsTable } from '../components/pay-run-columns';

function NewPayRun() {
  const open = useOpenPayRun();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  return (
    <Authorization allowed="hr.payroll.run">
      <Button
        onClick={() => {
          open.reset();
          setOpened(true);
        }}
      >
        New pay run
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title="New pay run" size="lg">
        {opened ? (
          <PayRunForm
            submitting={open.isPending}
            error={open.error}
            onCancel={() => setOpened(false)}
            onSubmit={(variables) =>
              open.mutate(variables, {
                onSuccess: (id) => {
                  setOpened(false);
                  void navigate(`/hr/pay-runs/${id}`);
                },
              })
            }
          />
        ) : null}
      </Modal>
    </Authorization>
  );
}

export function PayRunsRoute() {
  const runs = usePayRuns();
  return (
    <Page
      title="Pay runs"
      description="Opened for a period, calculated from the employees' records, approved by someone other than whoever calculated them, then paid."
      actions={
        <>
          <AppLink to="/hr/emp201">EMP201</AppLink>
          <NewPayRun />
        </>
      }
    >
      <QueryState query={runs} action="read pay runs" isEmpty={(d) => d.payRuns.length === 0} empty="No pay runs yet.">
        {(d) => <PayRunsTable runs={d.payRuns} />}
      </QueryState>
    </Page>
  );
}
