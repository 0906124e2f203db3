import { graphql } from '@/gql';
import type { CreateProjectInput } from '@/gql/graphql';
import { execute } from '@/lib/graphql';

import { useProjectMutation } from './project-mutation';

export const CreateProjectMutation = graphql(`
  mutation CreateProject($input: CreateProjectInput!) {
    createProject(input: $input) {
      id
    }
  }
`);

/** Opens a project (at TENDER or AWARDED); the list changes. */
export const useCreateProject = () => useProjectMutation(null, (input: CreateProjectInput) => execute(CreateProjectMutation, { input }));
