import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { api, ApiError, query, type RequestOptions } from '../api/client';
import { ACCESS_KEY, type Library } from './libraries';

/**
 * Users, their permissions and the libraries they may see, for holders of ManagePermissions (docs/api.md, the
 * `/api/v1/admin/users…` and `/api/v1/admin/settings` rows; the JSON is `AuthViews.User` in core-impl; library access
 * is `/api/v1/admin/library/access/{userId}`, `AdminLibraryResource`). The requests are built by pure functions
 * (tested), the hooks only send them and put the user the server answers with into the cache.
 */

/** Every permission, in the order of `dev.resonance.api.auth.Permission` (ManagePlugins since 1.1). */
export const PERMISSIONS = [
  'AccessCatalog',
  'LikeContent',
  'OwnPlaylists',
  'EditCatalog',
  'ManagePermissions',
  'IssueContentDownload',
  'RebootServer',
  'ViewAnalytics',
  'ManagePlugins',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ['admin', 'regular'] as const;
export type Role = (typeof ROLES)[number];

/** What each role carries before grants and revokes (`dev.resonance.api.auth.Role`). */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  regular: ['AccessCatalog', 'LikeContent', 'OwnPlaylists'],
};

/** A grant beyond the role (`grant`, maybe until a time) or a revoke of what the role carries (`deny`). */
export interface Override {
  permission: string;
  effect: 'grant' | 'deny';
  expiresAt?: string | null;
}

/** A user as the admin endpoints answer it; `permissions` are the effective ones now. */
export interface AdminUser {
  id: number;
  username: string;
  displayName?: string | null;
  role: string;
  disabled: boolean;
  createdAt: string;
  permissions: string[];
  overrides: Override[];
}

export interface UserPage {
  users: AdminUser[];
  nextAfter?: number | null;
}

export interface ServerSettings {
  registrationOpen: boolean;
}

/** A request to send through {@link api}. */
export interface Call {
  path: string;
  options: RequestOptions;
}

const USERS = '/api/v1/admin/users';
export const PAGE_SIZE = 50;

export function pageCall(after?: number): Call {
  return { path: USERS + query({ after, limit: PAGE_SIZE }), options: {} };
}

export interface NewUser {
  username: string;
  password: string;
  displayName: string;
  role: Role;
}

/** The problem with a new user's fields (the server's own rules, checked before sending), or null. */
export function newUserProblem(user: NewUser): string | null {
  const username = user.username.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/.test(username)) {
    return "A username has 2 to 64 characters: letters, digits, '.', '_' or '-', starting with a letter or digit";
  }
  return passwordProblem(user.password);
}

/** The server's password rule (PasswordHasher.problemWith): 8 to 512 characters, not only spaces. */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) return 'The password must have at least 8 characters';
  if (password.length > 512) return 'The password must have at most 512 characters';
  if (password.trim() === '') return 'The password cannot be only spaces';
  return null;
}

export function createCall(user: NewUser): Call {
  const body: Record<string, string> = { username: user.username.trim(), password: user.password, role: user.role };
  const displayName = user.displayName.trim();
  if (displayName) body.displayName = displayName;
  return { path: USERS, options: { method: 'POST', body } };
}

/** Only the fields given change; an empty display name clears it (the server's rule). */
export function patchCall(id: number, patch: { role?: Role; displayName?: string; disabled?: boolean }): Call {
  const body: Record<string, unknown> = {};
  if (patch.role !== undefined) body.role = patch.role;
  if (patch.displayName !== undefined) body.displayName = patch.displayName.trim();
  if (patch.disabled !== undefined) body.disabled = patch.disabled;
  return { path: `${USERS}/${id}`, options: { method: 'PATCH', body } };
}

/** Grant (optionally until `expiresAt`, an ISO instant) or revoke one permission. */
export function permissionCall(id: number, permission: string, action: 'grant' | 'revoke', expiresAt?: string): Call {
  const path = `${USERS}/${id}/permissions/${encodeURIComponent(permission)}`;
  if (action === 'revoke') return { path, options: { method: 'DELETE' } };
  return { path, options: { method: 'POST', body: expiresAt ? { expiresAt } : {} } };
}

export function passwordCall(id: number, password: string): Call {
  return { path: `${USERS}/${id}/password`, options: { method: 'POST', body: { password } } };
}

export function deleteCall(id: number): Call {
  return { path: `${USERS}/${id}`, options: { method: 'DELETE' } };
}

export function settingsCall(settings: ServerSettings): Call {
  return { path: '/api/v1/admin/settings', options: { method: 'PUT', body: { registrationOpen: settings.registrationOpen } } };
}

/** Which libraries a user may see, as the server answers it (`LibraryService.Access`): not `restricted` = every one. */
export interface LibraryAccess {
  userId: number;
  restricted: boolean;
  libraryIds: number[];
}

/**
 * What the libraries form chooses: every library, or only some. The server takes an empty list for "every library",
 * so "only" needs at least one (see {@link libraryChoiceProblem}).
 */
export type LibraryChoice = { all: true } | { all: false; libraryIds: number[] };

const ACCESS = '/api/v1/admin/library/access';

export function accessCall(userId: number): Call {
  return { path: `${ACCESS}/${userId}`, options: {} };
}

/** The problem with a choice before sending it, or null: "only" with nothing checked would give every library. */
export function libraryChoiceProblem(choice: LibraryChoice): string | null {
  if (!choice.all && choice.libraryIds.length === 0) {
    return 'Check at least one library, or choose All libraries';
  }
  return null;
}

/**
 * Sets the libraries a user may see: every one is the empty list (the server's rule), some are their ids (sorted, once
 * each). Throws for "only" with no library rather than send the empty list that means every library.
 */
export function setAccessCall(userId: number, choice: LibraryChoice): Call {
  const problem = libraryChoiceProblem(choice);
  if (problem) throw new Error(problem);
  const libraryIds = choice.all ? [] : [...new Set(choice.libraryIds)].sort((a, b) => a - b);
  return { path: `${ACCESS}/${userId}`, options: { method: 'PUT', body: { libraryIds } } };
}

/**
 * The server's access as the form's starting choice. Only libraries the list still has are kept checked: a grant of a
 * library that is not listed (disabled) would be refused with 404 when sent back.
 */
export function choiceOf(access: LibraryAccess, libraries: readonly Pick<Library, 'id'>[]): LibraryChoice {
  if (!access.restricted) return { all: true };
  const known = new Set(libraries.map((l) => l.id));
  return { all: false, libraryIds: access.libraryIds.filter((id) => known.has(id)) };
}

/** What a user sees, for a sentence: "all libraries", "only Jazz", "only Jazz and Rock", "only Jazz, Pop and Rock". */
export function describeAccess(access: LibraryAccess, libraries: readonly Library[]): string {
  if (!access.restricted) return 'all libraries';
  const names = access.libraryIds.map((id) => libraries.find((l) => l.id === id)?.name ?? `library ${id}`);
  const list = names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `only ${list}`;
}

/**
 * The value of a `datetime-local` input (local time, `2030-01-31T18:00`) as the ISO instant the server takes; empty
 * gives undefined (a grant for good). Throws a message for a time that does not parse or is not in the future.
 */
export function expiryFromInput(value: string, now: number = Date.now()): string | undefined {
  if (value.trim() === '') return undefined;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new Error('The end of the grant is not a date and time');
  if (at.getTime() <= now) throw new Error('The end of the grant must be in the future');
  return at.toISOString();
}

/** How a user holds one permission, for the row that shows it and the button that changes it. */
export interface PermissionState {
  permission: Permission;
  held: boolean;
  /** `role`: the role carries it; `granted`: a grant beyond the role; `revoked`: revoked although the role carries it. */
  source: 'role' | 'granted' | 'revoked' | 'none';
  expiresAt?: string;
  /** What pressing its button does. */
  action: 'grant' | 'revoke';
}

export function permissionStates(user: AdminUser): PermissionState[] {
  const byRole = ROLE_PERMISSIONS[user.role as Role] ?? [];
  return PERMISSIONS.map((permission) => {
    const held = user.permissions.includes(permission);
    const override = user.overrides.find((o) => o.permission === permission);
    let source: PermissionState['source'];
    if (override?.effect === 'deny') source = 'revoked';
    else if (override?.effect === 'grant' && !byRole.includes(permission)) source = 'granted';
    else if (byRole.includes(permission)) source = 'role';
    else source = held ? 'granted' : 'none';
    const state: PermissionState = { permission, held, source, action: held ? 'revoke' : 'grant' };
    if (override?.effect === 'grant' && override.expiresAt) state.expiresAt = override.expiresAt;
    return state;
  });
}

/** What a permission's row says about it: "from the role", "granted" ("granted until …"), "revoked" (what the role carries), "not held". */
export function describePermission(state: PermissionState, formatTime: (iso: string) => string = (iso) => new Date(iso).toLocaleString()): string {
  switch (state.source) {
    case 'role':
      return 'from the role';
    case 'granted':
      return state.expiresAt ? `granted until ${formatTime(state.expiresAt)}` : 'granted';
    case 'revoked':
      return 'revoked';
    default:
      return 'not held';
  }
}

/**
 * The message to show for a failed change. `last_admin` (409) says plainly why and what to do first; the server's
 * other messages are already meant for people (taken username, weak password, …).
 */
export function problemMessage(error: unknown, fallback = 'The change failed'): string {
  if (error instanceof ApiError) {
    if (error.code === 'last_admin') {
      return 'Refused: this would leave no active user who can manage users and permissions. Make another user an'
        + ' administrator (or grant them ManagePermissions) first.';
    }
    if (error.code === 'username_taken') return error.message || 'That username is taken';
    if (error.status === 403) return 'You may not manage users (this needs the ManagePermissions permission)';
    return error.message || fallback;
  }
  if (error instanceof Error && error.message) return error.message;
  return fallback;
}

/** The cached pages with one user replaced by the server's answer (or left out when deleted). */
export function withUser(data: InfiniteData<UserPage, number | undefined> | undefined, id: number, user: AdminUser | null):
  InfiniteData<UserPage, number | undefined> | undefined {
  if (!data) return data;
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      users: user ? page.users.map((u) => (u.id === id ? user : u)) : page.users.filter((u) => u.id !== id),
    })),
  };
}

const USERS_KEY = ['admin', 'users'] as const;
const SETTINGS_KEY = ['admin', 'settings'] as const;

function send<T>(call: Call): Promise<T> {
  return api<T>(call.path, call.options);
}

export function useUsers() {
  return useInfiniteQuery({
    queryKey: USERS_KEY,
    queryFn: ({ pageParam, signal }) => {
      const call = pageCall(pageParam);
      return api<UserPage>(call.path, { ...call.options, signal });
    },
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextAfter ?? undefined,
  });
}

/** A change to one user whose answer is the user as it is now: the list shows it at once. */
export function useUserChange() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ call }: { id: number; call: Call; key: string }) => send<AdminUser | undefined>(call),
    onSuccess: (user, { id, call }) => {
      if (call.options.method === 'DELETE' && call.path === deleteCall(id).path) {
        client.setQueryData<InfiniteData<UserPage, number | undefined>>(USERS_KEY, (d) => withUser(d, id, null));
      } else if (user) {
        client.setQueryData<InfiniteData<UserPage, number | undefined>>(USERS_KEY, (d) => withUser(d, id, user));
      }
    },
  });
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (user: NewUser) => send<AdminUser>(createCall(user)),
    onSuccess: () => client.invalidateQueries({ queryKey: USERS_KEY }),
  });
}

export function useLibraryAccess(userId: number) {
  return useQuery({
    queryKey: [...ACCESS_KEY, userId],
    queryFn: ({ signal }) => {
      const call = accessCall(userId);
      return api<LibraryAccess>(call.path, { ...call.options, signal });
    },
  });
}

/** Saves a user's libraries; the answer (the access as it is now) replaces the cached one. */
export function useSaveLibraryAccess(userId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (choice: LibraryChoice) => send<LibraryAccess>(setAccessCall(userId, choice)),
    onSuccess: (access) => client.setQueryData([...ACCESS_KEY, userId], access),
  });
}

export function useServerSettings() {
  return useQuery({
    queryKey: SETTINGS_KEY,
    queryFn: ({ signal }) => api<ServerSettings>('/api/v1/admin/settings', { signal }),
  });
}

export function useSaveServerSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (settings: ServerSettings) => send<ServerSettings>(settingsCall(settings)),
    onSuccess: (settings) => client.setQueryData(SETTINGS_KEY, settings),
  });
}
