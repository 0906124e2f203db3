// The signed-in shell: header with who is signed in, the role-aware menu, and the screen.

import { AppShell, Badge, Burger, Button, Group, NavLink, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';

import { ErrorAlert, Loading } from '@/components/ui/query-state';
import { useAuth } from '@/lib/auth/auth-context';
import { useMe } from '@/lib/permissions/get-me';
import { PermissionsProvider, usePermissions } from '@/lib/permissions/authorization';
import { humanize } from '@/lib/format';

import { menuFor } from './nav';

export function MainMenu({ onNavigate }: { onNavigate: () => void }) {
  const { granted } = usePermissions();
  const location = useLocation();
  const groups = menuFor(granted);
  return (
    <nav aria-label="Main">
      <Stack gap="md">
        {groups.map((group) => (
          <Stack gap={2} key={group.label}>
            <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" id={`nav-${group.label}`}>
              {group.label}
            </Text>
            <ul aria-labelledby={`nav-${group.label}`} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {group.items.map((item) => {
                const active =
                  item.to === '/' ? location.pathname === '/' : location.pathname.startsWith(item.to);
                return (
                  <li key={item.to}>
                    <NavLink
                      component={Link}
                      to={item.to}
                      label={item.label}
                      active={active}
                      aria-current={active ? 'page' : undefined}
                      onClick={onNavigate}
                    />
                  </li>
                );
              })}
            </ul>
          </Stack>
        ))}
      </Stack>
    </nav>
  );
}

export function Shell() {
  const [opened, { toggle, close }] = useDisclosure();
  const me = useMe();
  const auth = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const signOut = async () => {
    await auth.signOut();
    queryClient.clear();
    void navigate('/sign-in', { replace: true });
  };

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle the menu" />
            <Title order={2} size="h4">
              <Link to="/" style={{ color: 'inherit', textDecoration: 'none' }}>
                ConstructOS
              </Link>
            </Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {me.data ? (
              <>
                <Text size="sm" visibleFrom="xs">
                  {me.data.me.name ?? me.data.me.subject}
                </Text>
                {me.data.me.roles.map((role) => (
                  <Badge key={role} variant="light" visibleFrom="sm">
                    {humanize(role)}
                  </Badge>
                ))}
              </>
            ) : null}
            <Button variant="subtle" size="compact-sm" onClick={() => void signOut()}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      {me.data ? (
        <PermissionsProvider permissions={me.data.me.permissions}>
          <AppShell.Navbar p="xs">
            <ScrollArea>
              <MainMenu onNavigate={close} />
            </ScrollArea>
          </AppShell.Navbar>
          <AppShell.Main>
            <main id="content">
              <Outlet />
            </main>
          </AppShell.Main>
        </PermissionsProvider>
      ) : (
        <AppShell.Main>
          {me.isPending ? (
            <Loading label="Finding out who you are…" />
          ) : (
            <ErrorAlert error={me.error} onRetry={() => void me.refetch()} title="You could not be signed in" />
          )}
        </AppShell.Main>
      )}
    </AppShell>
  );
}
