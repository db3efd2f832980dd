import type { User } from '../api/types';

/**
 * Who sees the admin's users page: a holder of ManagePermissions, whatever the role (a grant can give it to a regular
 * user, a revoke take it from an admin). Offline only the role is remembered: then the admins.
 * Kept apart from users.ts so that the navigation (first screen) does not load the users page's code.
 */
export function canManageUsers(user: Pick<User, 'role' | 'permissions'> | null | undefined): boolean {
  if (!user) return false;
  if (user.permissions) return user.permissions.includes('ManagePermissions');
  return user.role === 'admin';
}
