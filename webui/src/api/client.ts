/**
 * The one way the app talks to the server's REST API: same-origin requests authenticated by the HTTP-only session
 * cookies set at sign-in, the CSRF header on every state-changing call (docs/api.md, "Cookie requests and CSRF"),
 * JSON in and out, the server's error shape turned into an {@link ApiError}, and an expired access cookie renewed
 * once through the refresh cookie before the request is retried.
 */

/** The error the server sent (`{"error":{"code","message"}}`), or one made up for a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Called when the session is gone for good (refresh refused): the app shows the sign-in page. */
let onSignedOut: () => void = () => {};

export function whenSignedOut(listener: () => void): void {
  onSignedOut = listener;
}

const CSRF = { 'X-Resonance-CSRF': '1' };

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: Method;
  /** A JSON body (serialised here). */
  body?: unknown;
  /** A body sent as is, not JSON (an M3U8 file, an image), with {@link contentType}; instead of {@link body}. */
  rawBody?: Blob | string;
  /** The Content-Type of {@link rawBody} (default `application/octet-stream`). */
  contentType?: string;
  /** What the answer may be (default JSON; errors are always JSON). */
  accept?: string;
  signal?: AbortSignal;
}

/**
 * The largest body sent with `keepalive`: browsers refuse (a TypeError, no request at all) a keepalive request whose
 * body, with the other keepalive requests in flight, is over 64 KiB — a long list of track ids, a file.
 */
export const KEEPALIVE_MAX_BODY = 32 * 1024;

/** The fetch options for {@code options}: headers (CSRF on every state-changing call), body, keepalive. */
export function requestInit(options: RequestOptions): RequestInit {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: options.accept ?? 'application/json' };
  if (method !== 'GET') Object.assign(headers, CSRF);
  let body: BodyInit | undefined;
  let keepalive = method !== 'GET';
  if (options.rawBody !== undefined) {
    headers['Content-Type'] = options.contentType ?? 'application/octet-stream';
    body = options.rawBody;
    const size = typeof options.rawBody === 'string' ? new TextEncoder().encode(options.rawBody).length : options.rawBody.size;
    keepalive &&= size <= KEEPALIVE_MAX_BODY;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    const json = JSON.stringify(options.body);
    body = json;
    keepalive &&= new TextEncoder().encode(json).length <= KEEPALIVE_MAX_BODY;
  }
  return {
    method,
    headers,
    body,
    credentials: 'same-origin',
    signal: options.signal,
    // a change the user made goes through even if the page is left or reloaded right after (a drag, a like)
    keepalive,
  };
}

/** Parses an error answer into an {@link ApiError} (a body that is not the server's error shape still gives one). */
export async function toApiError(response: Response): Promise<ApiError> {
  let code = 'http_' + response.status;
  let message = response.statusText || 'Request failed';
  try {
    const body: unknown = await response.json();
    if (body && typeof body === 'object' && 'error' in body) {
      const error = (body as { error: { code?: unknown; message?: unknown } }).error;
      if (typeof error.code === 'string') code = error.code;
      if (typeof error.message === 'string') message = error.message;
    }
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(response.status, code, message);
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  try {
    return await fetch(path, requestInit(options));
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', 'The server cannot be reached');
  }
}

let refreshing: Promise<boolean> | null = null;

/**
 * The access token of this session, for what cookies cannot carry: the sync WebSocket authenticates with it
 * (docs/sync-protocol.md). Kept in memory and in this tab's sessionStorage until it expires, so a reload does not
 * renew the session (each renewal rotates the refresh token); a new tab renews it from the refresh cookie.
 */
let accessToken: string | null = null;
const TOKEN_KEY = 'resonance.accessToken';

export function rememberAccessToken(token: string | null, expiresInSeconds = 900): void {
  accessToken = token;
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, JSON.stringify({ token, until: Date.now() + expiresInSeconds * 1000 }));
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // no sessionStorage (private mode): memory only
  }
}

function storedToken(): string | null {
  try {
    const stored = JSON.parse(sessionStorage.getItem(TOKEN_KEY) ?? 'null') as { token: string; until: number } | null;
    return stored && stored.until - 60_000 > Date.now() ? stored.token : null;
  } catch {
    return null;
  }
}

/** The access token, renewed through the refresh cookie when there is none (or {@code renew}); null when signed out. */
export async function currentAccessToken(renew = false): Promise<string | null> {
  if (!renew) {
    accessToken ??= storedToken();
    if (accessToken) return accessToken;
  }
  return (await refreshSession()) ? accessToken : null;
}

/** Renews the session from the refresh cookie (new cookies and access token); concurrent callers share one attempt. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= send('/api/v1/auth/refresh', { method: 'POST', body: {} })
    .then(async (r) => {
      if (!r.ok) return false;
      const body = (await r.json()) as { accessToken?: string; expiresIn?: number };
      rememberAccessToken(body.accessToken ?? null, body.expiresIn);
      return true;
    })
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/** Calls the API; resolves with the JSON answer (undefined for 204), rejects with an {@link ApiError}. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await apiResponse(path, options);
  if (response.status === 204) {
    return undefined as T;
  }
  return (await response.json()) as T;
}

/**
 * Calls the API like {@link api} (CSRF header, session renewal once on a 401, errors as {@link ApiError}) but resolves
 * with the successful response itself, for answers that are not JSON (a file to save, the Prometheus text).
 */
export async function apiResponse(path: string, options: RequestOptions = {}): Promise<Response> {
  let response = await send(path, options);
  if (response.status === 401 && !path.startsWith('/api/v1/auth/')) {
    if (await refreshSession()) {
      response = await send(path, options);
    }
    if (response.status === 401) {
      onSignedOut();
    }
  }
  if (!response.ok) {
    throw await toApiError(response);
  }
  return response;
}

/** Reads a text answer (the Prometheus text of `/metrics`) the way {@link api} reads JSON: cookies, renewal, errors. */
export async function apiText(path: string, options: RequestOptions = {}): Promise<string> {
  return (await apiResponse(path, options)).text();
}

/** A query string from the defined values of {@code params}. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') q.set(key, String(value));
  }
  const s = q.toString();
  return s ? '?' + s : '';
}
