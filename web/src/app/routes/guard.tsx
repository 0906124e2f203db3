import { Outlet } from 'react-router';

import { NotAllowed } from '@/components/ui/not-allowed';
import { Authorization } from '@/lib/permissions/authorization';
import type { Permission } from '@/lib/permissions/permissions';

/** A screen's route guard: the same `<Authorization>` the menu uses. */
export function Guard({ allowed }: { allowed: readonly Permission[] }) {
  return (
    <Authorization allowed={allowed} fallback={<NotAllowed />}>
      <Outlet />
    </Authorization>
  );
}
