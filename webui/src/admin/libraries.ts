import { ApiError } from '../api/client';
import type { Call } from './users';

/**
 * Libraries (music folders on the server's disk), for holders of ManagePermissions: the `/api/v1/admin/library/libraries`
 * endpoints (`AdminLibraryResource` and `LibraryService` in core-impl; docs/decisions.md, "Several libraries"). The
 * requests and the checks before sending are pure functions (tested); libraryQueries.ts sends them.
 */

/** A library as the server answers it (`LibraryService.Library`); `path` is the folder's real, absolute path. */
export interface Library {
  id: number;
  name: string;
  path: string;
}

/** The name and folder typed into a form, as typed. */
export interface LibraryFields {
  name: string;
  path: string;
}

export const LIBRARIES_KEY = ['admin', 'libraries'] as const;
export const SCAN_KEY = ['admin', 'scan'] as const;
/** Who sees which library, one query per user under this key (users.ts); read again when a library goes. */
export const ACCESS_KEY = ['admin', 'access'] as const;

/**
 * The library that follows the server's music folder (`MUSIC_LIBRARY_PATH`, `LibraryService.CONFIGURED`): the API
 * neither renames, moves nor removes it (409 `library_configured`), so the page offers neither.
 */
export const CONFIGURED_LIBRARY = 'Music';

/** The longest name the server takes (`LibraryService.MAX_NAME`). */
export const MAX_NAME = 100;

const LIBRARIES = '/api/v1/admin/library/libraries';

export function isConfigured(library: Pick<Library, 'name'>): boolean {
  return library.name === CONFIGURED_LIBRARY;
}

export function librariesCall(): Call {
  return { path: LIBRARIES, options: {} };
}

/**
 * The problem with a library's name or folder by the server's own rules (a name of 1 to 100 characters; an absolute
 * path), or null. Whether the folder exists, is readable and overlaps no other library only the server can say.
 */
export function libraryProblem(fields: Partial<LibraryFields>): string | null {
  if (fields.name !== undefined) {
    const name = fields.name.trim();
    if (name === '') return 'Give the library a name';
    if (name.length > MAX_NAME) return `A library's name has at most ${MAX_NAME} characters`;
  }
  if (fields.path !== undefined) {
    const path = fields.path.trim();
    if (path === '') return 'Give the folder on the server, as an absolute path such as /srv/music/jazz';
    if (!path.startsWith('/')) return `The folder must be an absolute path (starting with /), not ${path}`;
  }
  return null;
}

/** Adds a library: both fields, trimmed (the server scans the folder at once). */
export function createLibraryCall(fields: LibraryFields): Call {
  return { path: LIBRARIES, options: { method: 'POST', body: { name: fields.name.trim(), path: fields.path.trim() } } };
}

/**
 * Renames and/or moves `library`: only what differs from it is sent (a new folder is scanned again; the same folder
 * sent again is not). Null when nothing changed.
 */
export function updateLibraryCall(library: Library, fields: LibraryFields): Call | null {
  const body: Partial<LibraryFields> = {};
  const name = fields.name.trim();
  const path = fields.path.trim();
  if (name !== library.name) body.name = name;
  if (path !== library.path) body.path = path;
  if (Object.keys(body).length === 0) return null;
  return { path: `${LIBRARIES}/${library.id}`, options: { method: 'PATCH', body } };
}

/** Removes a library and its catalog entries; its files stay on disk. */
export function deleteLibraryCall(id: number): Call {
  return { path: `${LIBRARIES}/${id}`, options: { method: 'DELETE' } };
}

/**
 * The message to show for a refused change. The server's messages already say what is wrong and where (a folder that
 * does not exist, overlaps another library, a name taken, the configured library); a 403 and a vanished library say
 * what it means here.
 */
export function libraryProblemMessage(error: unknown, fallback = 'The change failed'): string {
  if (error instanceof ApiError) {
    if (error.status === 403) return 'You may not manage libraries (this needs the ManagePermissions permission)';
    if (error.status === 404 && error.code === 'not_found') return `${error.message}: it was removed meanwhile, the list is read again`;
    return error.message || fallback;
  }
  if (error instanceof Error && error.message) return error.message;
  return fallback;
}
