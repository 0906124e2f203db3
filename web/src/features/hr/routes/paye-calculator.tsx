import { Stack } from '@mantine/core';
import { useState } from 'react';

import { Page } from '@/components/ui/page';
import { ErrorAlert, Loading } from '@/components/ui/query-state';
import type { PayeCalculationQueryVariables } from '@/gql/graphql';

import { usePayeCalculation } from '../api/get-paye-calculation';
import { PayeForm } from '../components/paye-form';
import { PayeResult } from '../components/paye-result';

export function PayeCalculatorRoute() {
  const [asked, setAsked] = useState<PayeCalculationQueryVariables | null>(null);
  const calculation = usePayeCalculation(asked);
  const pending = asked !== null && calculation.isFetching;
  return (
    <Page title="PAYE calculator" description="A month's PAYE, UIF and SDL by SARS's tables for the tax year of the pay date.">
      <Stack gap="md">
        <PayeForm onSubmit={setAsked} submitting={pending} error={calculation.error ?? undefined} />
        {asked === null ? null : calculation.error ? (
          <ErrorAlert error={calculation.error} action="use the PAYE calculator" title="The calculation was refused" />
        ) : calculation.data ? (
          <PayeResult answer={calculation.data.payeCalculation} monthlyRemuneration={asked.monthlyRemuneration} />
        ) : (
          <Loading label="Calculating…" />
        )}
      </Stack>
    </Page>
  );
}
