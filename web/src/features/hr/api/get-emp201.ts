import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import type { Emp201Query as Emp201Answer } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

/** The EMP201 months of a calendar year: PAYE, SDL and UIF of the approved and paid runs. */
export const Emp201Query = graphql(`
  query Emp201($year: Int!) {
    emp201(year: $year) {
      month
      runs
      employees
      gross
      paye
      sdl
      uif
      total
    }
  }
`);

export type Emp201Row = Emp201Answer['emp201'][number];

export const emp201QueryOptions = (year: number) => queryOptions({ queryKey: ['hr', 'emp201', year], queryFn: () => execute(Emp201Query, { year }) });

export const useEmp201 = (year: number) => useQuery(emp201QueryOptions(year));
