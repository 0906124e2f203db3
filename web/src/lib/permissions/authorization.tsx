// The one authorization component (bulletproof-react's `<Authorization>`), fed by
// `me { permissions }`: menus, routes and buttons all ask it.

import { createContext, useContext, useMemo, type ReactNode } from 'react';

import { allows, type Permission } from './permissions';

const PermissionsContext = createContext<ReadonlySet<string>>(new Set());

/** Provides the caller's permissions to every `<Authorization>` below. */
export function PermissionsProvider({ permissions, children }: { permissions: readonly string[]; children: ReactNode }) {
  const set = useMemo(() => new Set(permissions), [permissions]);
  return <PermissionsContext.Provider value={set}>{children}</PermissionsContext.Provider>;
}

/** The caller's permissions and a check: `can('finance.journals.post')`. */
export function usePermissions() {
  const granted = useContext(PermissionsContext);
  return useMemo(
    () => ({ granted, can: (needed: Permission | readonly Permission[]) => allows(granted, needed) }),
    [granted],
  );
}

export interface AuthorizationProps {
  /** Any one of these permissions lets the children show. */
  allowed: Permission | readonly Permission[];
  /** What shows instead (default nothing). */
  fallback?: ReactNode;
  children: ReactNode;
}

export function Authorization({ allowed, fallback = null, children }: AuthorizationProps) {
  const { can } = usePermissions();
  return <>{can(allowed) ? children : fallback}</>;
}
