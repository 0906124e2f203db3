import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';
import { usePermissions } from '@/lib/permissions/authorization';

/**
 * What the order screens name by id: customer, vendor and subcontractor accounts, and
 * the projects (only for those who may read projects — a sales rep may not, and then
 * the order shows the project's id).
 */
export const TradeOptionsQuery = graphql(`
  query TradeOptions($withProjects: Boolean!) {
    customers: accounts(first: 100, kind: CUSTOMER) {
      nodes {
        id
        name
        status
      }
    }
    vendors: accounts(first: 100, kind: VENDOR) {
      nodes {
        id
        name
        status
      }
    }
    subcontractors: accounts(first: 100, kind: SUBCONTRACTOR) {
      nodes {
        id
        name
        status
      }
    }
    projects @include(if: $withProjects) {
      id
      code
      name
    }
  }
`);

export interface Choice {
  value: string;
  label: string;
}

export interface TradeOptions {
  customers: Choice[];
  suppliers: Choice[];
  projects: Choice[] | null;
  /** An account's name by id (all kinds). */
  accountName: (id: string) => string;
  /** A project's code and name by id, or the id itself when it is not known. */
  projectName: (id: string) => string;
}

export const tradeOptionsQueryOptions = (withProjects: boolean) =>
  queryOptions({
    queryKey: ['orders', 'trade-options', withProjects],
    queryFn: () => execute(TradeOptionsQuery, { withProjects }),
    staleTime: 60_000,
    select: (d): TradeOptions => {
      const names = new Map<string, string>();
      for (const a of [...d.customers.nodes, ...d.vendors.nodes, ...d.subcontractors.nodes]) names.set(a.id, a.name);
      const projects = d.projects ? d.projects.map((p) => ({ value: p.id, label: `${p.code} ${p.name}` })) : null;
      const projectNames = new Map((projects ?? []).map((p) => [p.value, p.label]));
      const active = (nodes: { id: string; name: string; status: string }[]) =>
        nodes.filter((a) => a.status !== 'ARCHIVED').map((a) => ({ value: a.id, label: a.name }));
      return {
        customers: active(d.customers.nodes),
        suppliers: [...active(d.vendors.nodes), ...active(d.subcontractors.nodes)].sort((a, b) => a.label.localeCompare(b.label)),
        projects,
        accountName: (id) => names.get(id) ?? id,
        projectName: (id) => projectNames.get(id) ?? id,
      };
    },
  });

export function useTradeOptions() {
  const { can } = usePermissions();
  return useQuery(tradeOptionsQueryOptions(can(['orders.projects.read', 'orders.projects.read_assigned'])));
}
