// The development sign-in: the gateway lists demo people (`GET /dev/people`) and mints a
// token for the one chosen (`POST /dev/token`). These endpoints exist only in
// development mode without Entra ID.

import { queryOptions, useQuery } from '@tanstack/react-query';

export interface DemoPerson {
  subject: string;
  name: string;
  roles: string[];
  description: string;
}

export interface DevToken {
  accessToken: string;
  expiresAt: number;
  name: string;
}

export const demoPeopleQueryOptions = () =>
  queryOptions({
    queryKey: ['dev', 'people'],
    queryFn: async (): Promise<DemoPerson[]> => {
      const response = await fetch('/dev/people', { headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`The demo people could not be listed (HTTP ${response.status}).`);
      const body = (await response.json()) as { people: DemoPerson[] };
      return body.people;
    },
    staleTime: Infinity,
  });

export const useDemoPeople = () => useQuery(demoPeopleQueryOptions());

/** A token for the demo person `subject`, from the gateway. */
export async function mintDevToken(subject: string, ttlSeconds?: number): Promise<DevToken> {
  const response = await fetch('/dev/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(ttlSeconds === undefined ? { subject } : { subject, ttlSeconds }),
  });
  if (!response.ok) throw new Error(`The development issuer refused (HTTP ${response.status}).`);
  return (await response.json()) as DevToken;
}
