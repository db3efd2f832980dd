import { create } from 'zustand';
import { api, ApiError, currentAccessToken } from '../api/client';
import { apply, EMPTY, fromSnapshot, order, type Snapshot, type SyncedState, type SyncEvent } from './state';

/**
 * Keeps {@link useSynced} equal to the server's state of this user (docs/sync-protocol.md): the snapshot at start,
 * then the WebSocket's pushed events, with catch-up by REST on every (re)connect and on any gap. Changes this device
 * makes through REST are applied from their answers ({@link applyAnswer}): the server does not echo them.
 */
export const useSynced = create<{ state: SyncedState; connected: boolean }>(() => ({ state: EMPTY, connected: false }));

const HEARTBEAT_FALLBACK_SECONDS = 30;
/** Access tokens live 15 minutes; the socket gets a fresh one well before. */
const TOKEN_RENEW_MS = 10 * 60 * 1000;

let socket: WebSocket | null = null;
let running = false;
let attempt = 0;
let timers: ReturnType<typeof setInterval>[] = [];
let reconnect: ReturnType<typeof setTimeout> | null = null;
let catchingUp: Promise<void> | null = null;
const listeners = new Set<(event: SyncEvent) => void>();
const messageListeners = new Set<(message: Record<string, unknown>) => void>();

/**
 * Calls {@code listener} with every socket message that is not a user event (connected, devices, playback.state,
 * playback.command, …) and with the snapshot's `{type: "snapshot", …}`; returns the way to stop.
 */
export function onSyncMessage(listener: (message: Record<string, unknown>) => void): () => void {
  messageListeners.add(listener);
  return () => messageListeners.delete(listener);
}

function tell(message: Record<string, unknown>): void {
  for (const listener of messageListeners) {
    try {
      listener(message);
    } catch {
      // one listener's failure is its own
    }
  }
}

/** Sends {@code message} on the socket; false when there is none open (the caller decides what that means). */
export function sendSync(message: Record<string, unknown>): boolean {
  if (socket?.readyState !== WebSocket.OPEN || !useSynced.getState().connected) return false;
  socket.send(JSON.stringify(message));
  return true;
}

/** Calls {@code listener} with every event applied from now on (pushed or caught up); returns the way to stop. */
export function onSyncEvent(listener: (event: SyncEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function applied(events: SyncEvent[]): void {
  for (const event of events) {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch {
        // one listener's failure is its own
      }
    }
  }
}

export async function startSync(): Promise<void> {
  if (running) return;
  running = true;
  window.addEventListener('online', reconnectNow);
  await loadSnapshot();
  void connect();
}

/** The network is back (the browser says so): connect now rather than when the backoff would have tried. */
function reconnectNow(): void {
  if (!running || socket !== null) return;
  if (reconnect) clearTimeout(reconnect);
  reconnect = null;
  attempt = 0;
  void connect();
}

export function stopSync(): void {
  running = false;
  window.removeEventListener('online', reconnectNow);
  if (reconnect) clearTimeout(reconnect);
  clear();
  socket?.close(1000);
  socket = null;
  useSynced.setState({ state: EMPTY, connected: false });
}

async function loadSnapshot(): Promise<void> {
  const snapshot = await api<Snapshot & Record<string, unknown>>('/api/v1/sync/state');
  useSynced.setState({ state: fromSnapshot(snapshot) });
  tell({ ...snapshot, type: 'snapshot' });
}

function clear(): void {
  timers.forEach(clearInterval);
  timers = [];
}

async function connect(): Promise<void> {
  const token = await currentAccessToken();
  if (!running) return;
  if (!token) {
    retryLater();
    return;
  }
  const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/ws`);
  socket = ws;
  ws.onopen = () => ws.send(JSON.stringify({ type: 'auth', token }));
  ws.onmessage = (m) => {
    try {
      void handle(JSON.parse(String(m.data)) as Record<string, unknown>, ws);
    } catch {
      // a frame that is not JSON: the server never sends one
    }
  };
  ws.onclose = (e) => {
    if (socket !== ws) return;
    clear();
    socket = null;
    useSynced.setState({ connected: false });
    if (e.code === 4401) {
      void currentAccessToken(true); // the token expired or the session ended: renew (or find out) before retrying
    }
    retryLater();
  };
}

function retryLater(): void {
  if (!running) return;
  const delay = Math.min(30_000, 1000 * 2 ** attempt++) * (0.5 + Math.random() / 2);
  reconnect = setTimeout(() => void connect(), delay);
}

async function handle(message: Record<string, unknown>, ws: WebSocket): Promise<void> {
  switch (message.type) {
    case 'connected': {
      attempt = 0;
      useSynced.setState({ connected: true });
      ws.send(JSON.stringify({ type: 'device.announce', capabilities: { playback: true, volume: true } }));
      const heartbeat = (typeof message.heartbeatSeconds === 'number' ? message.heartbeatSeconds : HEARTBEAT_FALLBACK_SECONDS) * 1000;
      timers.push(setInterval(() => ws.send(JSON.stringify({ type: 'ping' })), heartbeat));
      timers.push(setInterval(() => void renewToken(ws), TOKEN_RENEW_MS));
      if (typeof message.seq === 'number' && message.seq > useSynced.getState().state.seq) {
        await catchUp();
      }
      break;
    }
    case 'event':
      receive(message.event as SyncEvent);
      break;
    default:
      break;
  }
  tell(message);
}

async function renewToken(ws: WebSocket): Promise<void> {
  const token = await currentAccessToken(true);
  if (token && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: 'auth', token }));
}

function receive(event: SyncEvent): void {
  const { state } = useSynced.getState();
  switch (order(state, event)) {
    case 'apply':
      useSynced.setState({ state: apply(state, event) });
      applied([event]);
      break;
    case 'gap':
      void catchUp();
      break;
    case 'skip':
      break;
  }
}

/** Reads the events after ours by REST, page by page; on 410 (pruned) starts again from the snapshot. */
function catchUp(): Promise<void> {
  catchingUp ??= (async () => {
    try {
      for (;;) {
        const since = useSynced.getState().state.seq;
        const page = await api<{ events: SyncEvent[]; hasMore: boolean }>(`/api/v1/sync/events?since=${since}`);
        let state = useSynced.getState().state;
        const done: SyncEvent[] = [];
        for (const event of page.events) {
          if (order(state, event) === 'apply') {
            state = apply(state, event);
            done.push(event);
          }
        }
        useSynced.setState({ state });
        applied(done);
        if (!page.hasMore) return;
      }
    } catch (e) {
      if (e instanceof ApiError && e.status === 410) {
        await loadSnapshot();
      } else {
        throw e;
      }
    } finally {
      catchingUp = null;
    }
  })();
  return catchingUp;
}

/**
 * A change this device made by REST, applied from the answer: the event it stands for becomes ours when its `seq`
 * is the next one; otherwise (another device's events came in between) the log is read.
 */
export function applyAnswer(event: SyncEvent): void {
  const { state } = useSynced.getState();
  if (order(state, event) === 'apply') {
    useSynced.setState({ state: apply(state, event) });
  } else if (event.seq > state.seq) {
    void catchUp();
  }
}
