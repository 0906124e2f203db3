import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { PayslipsQuery as PayslipsAnswer, PayslipsQueryVariables } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

/** Payslips of a run or an employee: payroll sees everyone's, every employee their own. */
export const PayslipsQuery = graphql(`
  query Payslips($payRunId: ID, $employeeId: ID) {
    payslips(payRunId: $payRunId, employeeId: $employeeId) {
      ...PayslipFields
    }
  }
`);

export const PayslipFieldsFragment = graphql(`
  fragment PayslipFields on Payslip {
    payRunId
    employeeId
    employeeNumber
    name
    taxNumber
    payDate
    periodStart
    periodEnd
    runStatus
    taxYear
    age
    medicalMembers
    earnings {
      description
      amount
      projectId
      costCode
    }
    gross
    annualEquivalent
    medicalCredits
    paye
    uifEmployee
    uifEmployer
    sdl
    net
  }
`);

export type PayslipRow = PayslipsAnswer['payslips'][number];

export const payslipsKey = ['hr', 'payslips'] as const;

export const payslipsQueryOptions = (variables: PayslipsQueryVariables) =>
  queryOptions({ queryKey: [...payslipsKey, variables], queryFn: () => execute(PayslipsQuery, variables) });

export const usePayslips = (variables: PayslipsQueryVariables) => useQuery(payslipsQueryOptions(variables));
