// Sign-in: Entra ID (MSAL) when the gateway is configured for it; in development a list
// of demo people, each with their roles, signed in with a token from the development
// issuer. Afterwards, back to the page the person was on.

import { Alert, Badge, Button, Card, Center, Container, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';

import { ErrorAlert, Loading } from '@/components/ui/query-state';
import { useAuth, useSignedIn } from '@/lib/auth/auth-context';
import type { AuthClient } from '@/lib/auth/client';
import { useDemoPeople } from '@/lib/auth/dev-sign-in';
import { sessionEnded, takeReturnTo } from '@/lib/auth/session';
import { humanize } from '@/lib/format';

type DevClient = AuthClient & { signInAs(subject: string): Promise<void> };
type EntraClient = AuthClient & { signIn(): Promise<void> };

function DevSignIn({ client }: { client: DevClient }) {
  const people = useDemoPeople();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  // Signing in changes who is signed in; the page then returns where the person was.
  const signIn = async (subject: string) => {
    setBusy(subject);
    setError(null);
    try {
      queryClient.clear();
      await client.signInAs(subject);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  if (people.isPending) return <Loading label="Loading the demo people…" />;
  if (people.error) return <ErrorAlert error={people.error} onRetry={() => void people.refetch()} />;
  return (
    <Stack>
      <Text c="dimmed">
        Development sign-in: choose a demo person. Each gets a token from the development issuer with the roles shown.
      </Text>
      {error ? <ErrorAlert error={error} /> : null}
      <SimpleGrid cols={{ base: 1, sm: 2 }} component="ul" style={{ listStyle: 'none', padding: 0 }}>
        {people.data.map((person) => (
          <Card withBorder component="li" key={person.subject} aria-label={person.name}>
            <Stack gap="xs">
              <Group justify="space-between">
                <Text fw={600}>{person.name}</Text>
                <Group gap={4}>
                  {person.roles.map((role) => (
                    <Badge key={role} variant="light">
                      {humanize(role)}
                    </Badge>
                  ))}
                </Group>
              </Group>
              <Text size="sm" c="dimmed">
                {person.description}
              </Text>
              <Button
                onClick={() => void signIn(person.subject)}
                loading={busy === person.subject}
                aria-label={`Sign in as ${person.name} (${person.roles.join(', ')})`}
              >
                Sign in as {person.name}
              </Button>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function EntraSignIn({ client }: { client: EntraClient }) {
  const [error, setError] = useState<unknown>(null);
  return (
    <Stack align="flex-start">
      <Text>Sign in with your company Microsoft account.</Text>
      {error ? <ErrorAlert error={error} /> : null}
      <Button onClick={() => client.signIn().catch(setError)}>Sign in with Microsoft</Button>
    </Stack>
  );
}

export function SignInRoute() {
  const auth = useAuth();
  const signedIn = useSignedIn();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const ended = params.get('ended') === '1' || sessionEnded();
  // Under Entra ID an account may remain while its token cannot be renewed: then the
  // person signs in again by choice, rather than bouncing back and forth.
  const stay = ended && auth.mode === 'entra';

  useEffect(() => {
    document.title = 'Sign in · ConstructOS';
    if (signedIn && !stay) void navigate(takeReturnTo(), { replace: true });
  }, [signedIn, stay, navigate]);

  return (
    <Center mih="100vh" py="xl">
      <Container size="md" w="100%">
        <Stack>
          <Title order={1}>Sign in to ConstructOS</Title>
          {ended && !signedIn ? (
            <Alert color="yellow" title="Your session has ended" role="status">
              Sign in again to carry on where you were.
            </Alert>
          ) : null}
          {auth.mode === 'dev' && 'signInAs' in auth ? <DevSignIn client={auth as DevClient} /> : null}
          {auth.mode === 'entra' && 'signIn' in auth ? <EntraSignIn client={auth as EntraClient} /> : null}
          {auth.mode === 'none' ? (
            <Alert color="red" title="Sign-in is not configured" role="alert">
              This server has neither Entra ID (CONSTRUCTOS_ENTRA_TENANT_IDS) nor development mode.
            </Alert>
          ) : null}
        </Stack>
      </Container>
    </Center>
  );
}
