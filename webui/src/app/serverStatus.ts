// What the web app knows about the server's health, derived from `GET /health`.
// Pure functions only: the component renders a ServerStatus, it never interprets JSON itself.

export type ServerStatusLevel = 'up' | 'degraded' | 'down' | 'unknown';

export interface ComponentStatus {
  readonly name: string;
  readonly status: string;
  /** Why it is down, or context when up (database version, music folder): only for callers allowed the details. */
  readonly detail?: string;
}

export interface ServerStatus {
  readonly level: ServerStatusLevel;
  readonly label: string;
  /** Sub-checks reported beside `status`, such as `db`, in the order the server sent them. */
  readonly components: readonly ComponentStatus[];
}

export const checkingStatus: ServerStatus = { level: 'unknown', label: 'Checking server…', components: [] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A sub-check's state such as `UP`, `DOWN` or `OUT_OF_SERVICE`, as opposed to a version or a message. */
function isStatusWord(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Z][A-Z_]*$/.test(value);
}

/**
 * Maps the HTTP status and parsed body of `GET /health` to what the page shows.
 * The server answers 200 with `{"status":"UP",...}` when healthy and 503 with
 * `{"status":"DOWN",...}` when not; anything else is reported as unknown, never as up.
 */
export function toServerStatus(httpStatus: number, body: unknown): ServerStatus {
  if (!isRecord(body) || typeof body.status !== 'string') {
    return { level: 'unknown', label: `Unexpected health response (HTTP ${httpStatus})`, components: [] };
  }
  const components = componentsOf(body);
  const reported = body.status.toUpperCase();
  if (reported === 'UP' && httpStatus >= 200 && httpStatus < 300) {
    return { level: 'up', label: 'Server is up', components };
  }
  if (reported === 'DEGRADED' && httpStatus >= 200 && httpStatus < 300) {
    const down = components.filter((c) => c.status !== 'UP').map((c) => c.name);
    return { level: 'degraded', label: `Server is up, degraded${down.length ? `: ${down.join(', ')} down` : ''}`, components };
  }
  if (reported === 'DOWN' || httpStatus === 503) {
    return { level: 'down', label: 'Server is down', components };
  }
  return { level: 'unknown', label: `Server reports ${body.status} (HTTP ${httpStatus})`, components };
}

/**
 * Each check: from `checks` (`{"db":{"status":"UP","detail":"…"}}`, the detail only for a caller allowed it) when the
 * server sends it, else the states named at the top level (`"db":"UP"`).
 */
function componentsOf(body: Record<string, unknown>): ComponentStatus[] {
  if (isRecord(body.checks)) {
    return Object.entries(body.checks)
      .filter((entry): entry is [string, Record<string, unknown>] => isRecord(entry[1]) && isStatusWord(entry[1].status))
      .map(([name, check]) => (typeof check.detail === 'string' && check.detail !== ''
        ? { name, status: check.status as string, detail: check.detail }
        : { name, status: check.status as string }));
  }
  return Object.entries(body)
    .filter((entry): entry is [string, string] => entry[0] !== 'status' && isStatusWord(entry[1]))
    .map(([name, status]) => ({ name, status }));
}

/** What the page shows when `GET /health` could not be made at all (network error, server stopped). */
export function unreachableStatus(): ServerStatus {
  return { level: 'down', label: 'Server unreachable', components: [] };
}

/** Fetches `GET /health` and maps it; never throws except when aborted. */
export async function fetchServerStatus(signal?: AbortSignal): Promise<ServerStatus> {
  let response: Response;
  try {
    response = await fetch('/health', { headers: { Accept: 'application/json' }, signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    return unreachableStatus();
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy error page, say): toServerStatus reports it as unexpected.
  }
  return toServerStatus(response.status, body);
}
