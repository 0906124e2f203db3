import { Alert } from '@mantine/core';

/** What a screen shows to a role that may not use it (the server refuses anyway). */
export function NotAllowed() {
  return (
    <Alert color="orange" title="Not allowed" role="alert">
      This page is not allowed for your role. Ask an administrator if you need it.
    </Alert>
  );
}
