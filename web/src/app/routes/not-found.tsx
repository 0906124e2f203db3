import { Alert } from '@mantine/core';

import { AppLink } from '@/components/ui/link';

export function NotFoundRoute() {
  return (
    <Alert color="gray" title="Page not found" role="alert">
      There is no such page. <AppLink to="/">Go to the dashboard</AppLink>.
    </Alert>
  );
}
