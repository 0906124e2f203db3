import { queryOptions, useQuery } from '@tanstack/react-query';

import { graphql } from '@/gql';
import { execute } from '@/lib/graphql';

export const AccountQuery = graphql(`
  query Account($id: ID!) {
    account(id: $id) {
      id
      kind
      name
      tradingName
      registrationNumber
      vatNumber
      taxReference
      status
      canTakeOrders
      bbbee {
        level
        certificateExpiresOn
      }
      cidbGradings {
        designation
        grade
        classOfWorks
      }
      paymentTerms {
        days
        basis
      }
      createdAt
      updatedAt
      contacts {
        id
        firstName
        lastName
        email
        phone
        jobTitle
        roles
      }
      addresses {
        type
        lines
        city
        province
        postalCode
      }
      statusHistory {
        from
        to
        reason
        changedBy
        changedAt
      }
    }
  }
`);

export const accountQueryOptions = (id: string) =>
  queryOptions({ queryKey: ['identity', 'accounts', 'one', id], queryFn: () => execute(AccountQuery, { id }) });

export const useAccount = (id: string) => useQuery(accountQueryOptions(id));
