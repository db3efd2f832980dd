import { ApiError, type RequestOptions } from '../api/client';
import { playedAgo } from '../app/home';

/**
 * App passwords (docs/api.md, the `/api/v1/user/app-passwords` rows; `AppPasswords` in core-impl): a secret per
 * Subsonic app (DSub, Symfonium, Feishin…), which signs in with it instead of the account password. The secret is in
 * the answer to its creation only. No React here: the requests are built by pure functions and what the settings
 * page shows is worked out by them, so both are unit-tested; `AppPasswordsSection` sends and draws.
 */

/** An app password in the user's list: never its secret (`AppPasswords.Listed`). */
export interface AppPassword {
  id: string;
  name: string;
  /** The secret's last 4 characters, to tell app passwords apart. */
  hint: string;
  /** The device it is (listed with the user's devices; forgetting that device revokes it). */
  deviceId: number;
  createdAt: string;
  lastUsedAt?: string | null;
}

/** The answer to a creation (`AppPasswords.Created`): the only time the secret is shown. */
export interface CreatedAppPassword {
  id: string;
  name: string;
  secret: string;
  hint: string;
  deviceId: number;
  createdAt: string;
}

/** A request to send through `api`. */
export interface Call {
  path: string;
  options: RequestOptions;
}

/** The TanStack Query key of the user's list. */
export const APP_PASSWORDS_KEY = ['user', 'app-passwords'] as const;

/** The server's limits: a name of 1 to 100 characters (after trimming), at most 20 live app passwords per user. */
export const MAX_NAME_CHARS = 100;
export const MAX_APP_PASSWORDS = 20;

const PATH = '/api/v1/user/app-passwords';

export function listCall(): Call {
  return { path: PATH, options: {} };
}

/** Creates one named for its app; the name is sent trimmed, as the server keeps it. */
export function createCall(name: string): Call {
  return { path: PATH, options: { method: 'POST', body: { name: name.trim() } } };
}

export function revokeCall(id: string): Call {
  return { path: `${PATH}/${encodeURIComponent(id)}`, options: { method: 'DELETE' } };
}

/**
 * The problem with a name before sending it (the server's own rule: 1 to 100 characters once trimmed, no control
 * characters), or null.
 */
export function nameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'Name the app it is for, e.g. "DSub on my phone"';
  if (trimmed.length > MAX_NAME_CHARS) return `A name has at most ${MAX_NAME_CHARS} characters`;
  if (/[\u0000-\u001f\u007f-\u009f]/.test(trimmed)) return 'A name cannot contain control characters';
  return null;
}

/** The message to show for a failed request: the server's (meant for people: a bad name, too many), else `fallback`. */
export function problemMessage(error: unknown, fallback: string): string {
  if (error instanceof ApiError) return error.message || fallback;
  if (error instanceof Error && error.message) return error.message;
  return fallback;
}

/** How an app password is told apart from the others in the list: "…" and the secret's last characters. */
export function hintText(hint: string): string {
  return `…${hint}`;
}

/** "created 3 Mar 2030" (the date in the user's locale). */
export function createdText(createdAt: string): string {
  const at = new Date(createdAt);
  if (Number.isNaN(at.getTime())) return '';
  return `created ${at.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' })}`;
}

/** "never used", or "last used just now / 5 min ago / 3 h ago / yesterday / 4 days ago / <date>". */
export function lastUsedText(lastUsedAt: string | null | undefined, now: Date = new Date()): string {
  if (!lastUsedAt) return 'never used';
  const ago = playedAgo(lastUsedAt, now);
  return ago ? `last used ${ago}` : 'never used';
}

/** The new one as the list shows it, first (the list is newest first), until the server's list replaces it. */
export function withCreated(list: readonly AppPassword[] | undefined, created: CreatedAppPassword): AppPassword[] {
  const listed: AppPassword = {
    id: created.id, name: created.name, hint: created.hint, deviceId: created.deviceId, createdAt: created.createdAt, lastUsedAt: null,
  };
  return [listed, ...(list ?? []).filter((p) => p.id !== created.id)];
}

/** The list without a revoked one. */
export function withoutAppPassword(list: readonly AppPassword[] | undefined, id: string): AppPassword[] | undefined {
  return list?.filter((p) => p.id !== id);
}
