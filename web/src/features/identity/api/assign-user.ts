import { useMutation, useQueryClient } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

export const AssignUserMutation = graphql(`
  mutation AssignUser($id: ID!, $projects: [String!]!, $sites: [String!]!) {
    assignUser(id: $id, projects: $projects, sites: $sites) {
      id
    }
  }
`);

/** Sets the projects and sites a user is assigned to; the users change. */
export const useAssignUser = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (variables: { id: string; projects: string[]; sites: string[] }) => execute(AssignUserMutation, variables),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['identity', 'users'] }),
  });
};
