import { graphql } from '@/gql';
import type { ContractInput } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

import { useProjectMutation } from './project-mutation';

export const SetProjectContractMutation = graphql(`
  mutation SetProjectContract($projectId: ID!, $contract: ContractInput!) {
    setProjectContract(projectId: $projectId, contract: $contract) {
      id
    }
  }
`);

/** Agrees (or corrects) the contract terms while the project is at TENDER or AWARDED. */
export const useSetProjectContract = (projectId: string) =>
  useProjectMutation(projectId, (contract: ContractInput) => execute(SetProjectContractMutation, { projectId, contract }));
