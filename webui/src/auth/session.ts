import { create } from 'zustand';
import { api, ApiError, rememberAccessToken, whenSignedOut } from '../api/client';
import type { Session, User } from '../api/types';

/**
 * Who is signed in on this browser. The session itself is the server's HTTP-only cookies; this store only knows
 * whether there is one (asked once at start: `GET /api/v1/auth/session`) and the user. The device id is this
 * browser's, kept in localStorage: the server counts devices by it (Connect, play reports).
 */
export type SessionState =
  | { status: 'unknown' }
  | { status: 'signed-out'; reason?: string }
  | { status: 'signed-in'; user: User; deviceId: string; offline?: boolean };

interface SessionStore {
  state: SessionState;
  restore: () => Promise<void>;
  signIn: (username: string, password: string) => Promise<void>;
  register: (username: string, password: string, setupCode?: string) => Promise<void>;
  signOut: () => Promise<void>;
}

const DEVICE_KEY = 'resonance.deviceId';
/**
 * The signed-in user, remembered so that the app opens with the server unreachable (offline, downloads): the
 * session itself stays the server's cookie; this is only who to show.
 */
const USER_KEY = 'resonance.user';

function remember(user: User | null): void {
  if (user) localStorage.setItem(USER_KEY, JSON.stringify({ id: user.id, username: user.username, displayName: user.displayName, role: user.role }));
  else localStorage.removeItem(USER_KEY);
}

function remembered(): User | null {
  try {
    return JSON.parse(localStorage.getItem(USER_KEY) ?? 'null') as User | null;
  } catch {
    return null;
  }
}

export function deviceId(storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage): string {
  let id = storage.getItem(DEVICE_KEY);
  if (!id) {
    id = 'web-' + crypto.randomUUID();
    storage.setItem(DEVICE_KEY, id);
  }
  return id;
}

function deviceName(): string {
  const ua = navigator.userAgent;
  const browser = /Firefox\//.test(ua) ? 'Firefox' : /Edg\//.test(ua) ? 'Edge' : /Chrome\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : 'Browser';
  return browser + ' (web)';
}

export const useSession = create<SessionStore>((set) => ({
  state: { status: 'unknown' },
  restore: async () => {
    try {
      const s = await api<Session>('/api/v1/auth/session');
      remember(s.user);
      set({ state: { status: 'signed-in', user: s.user, deviceId: s.deviceId } });
    } catch (e) {
      const user = remembered();
      if (e instanceof ApiError && e.status === 0 && user) {
        // the server cannot be reached: open offline as the user last signed in here (downloads play)
        set({ state: { status: 'signed-in', user, deviceId: deviceId(), offline: true } });
      } else {
        set({ state: { status: 'signed-out' } });
      }
    }
  },
  signIn: async (username, password) => {
    const answer = await api<{ user: User; accessToken: string; expiresIn: number }>('/api/v1/auth/login', {
      method: 'POST',
      body: { username, password, deviceId: deviceId(), deviceName: deviceName(), deviceType: 'web' },
    });
    rememberAccessToken(answer.accessToken, answer.expiresIn);
    remember(answer.user);
    set({ state: { status: 'signed-in', user: answer.user, deviceId: deviceId() } });
  },
  register: async (username, password, setupCode) => {
    const answer = await api<{ user: User; accessToken: string; expiresIn: number }>('/api/v1/auth/register', {
      method: 'POST',
      body: { username, password, deviceId: deviceId(), deviceName: deviceName(), deviceType: 'web', setupCode: setupCode || undefined },
    });
    rememberAccessToken(answer.accessToken, answer.expiresIn);
    remember(answer.user);
    set({ state: { status: 'signed-in', user: answer.user, deviceId: deviceId() } });
  },
  signOut: async () => {
    try {
      await api('/api/v1/auth/logout', { method: 'POST' });
    } finally {
      rememberAccessToken(null);
      remember(null);
      set({ state: { status: 'signed-out' } });
    }
  },
}));

whenSignedOut(() => {
  remember(null);
  useSession.setState({ state: { status: 'signed-out', reason: 'Your session ended: sign in again.' } });
});
