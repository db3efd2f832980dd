import { create } from 'zustand';
import type { Track } from '../api/types';
import { onSyncMessage, sendSync } from '../sync/sync';
import { usePlayer } from './player';
import { queueTracks } from './queueTracks';

/**
 * Spotify-Connect-style playback across the user's devices (docs/sync-protocol.md, §3): this browser reports what it
 * plays while it is the active device, follows the shared state (it stops when another device takes over, and
 * starts at the position reached when playback is transferred to it), and lists the devices to move playback to.
 */
export interface Device {
  id: number;
  name: string;
  type: string;
  online: boolean;
  active: boolean;
  capabilities?: Record<string, unknown>;
}

export interface SharedState {
  activeDeviceId?: number | null;
  trackId?: number | null;
  positionMs: number;
  playing: boolean;
  /** 0–100, as the active device last reported it (none before it did). */
  volume?: number | null;
  queue: number[];
  queueIndex: number;
  queueVersion: number;
  updatedAt: string;
}

export const useConnect = create<{ me?: number; devices: Device[]; shared?: SharedState }>(() => ({ devices: [] }));

/** Where shared playback is at {@code serverTime}: the position moves on while playing. */
export function positionAt(state: SharedState, serverTime: string | undefined): number {
  if (!state.playing || !serverTime) return state.positionMs;
  return state.positionMs + Math.max(0, Date.parse(serverTime) - Date.parse(state.updatedAt));
}

/** How long the volume must rest before it is reported. */
const VOLUME_REST_MS = 250;
/** The longest queue a device shares (the server's limit). */
const MAX_QUEUE = 10_000;

let following = false; // applying the shared state: not a change of ours to report
let transfers = 0;
/** The id of the transfer this device asked for last: its answer is an `ack` (the asking device gets no push). */
let pendingTransfer: string | null = null;
/** The id of the transfer that makes this device active because its user started playing here (not to follow). */
let claiming: string | null = null;

/** Another device of mine that plays (online, active): the player bar shows it, and its controls reach it. */
export function useRemote(): { device: Device; shared: SharedState } | null {
  const me = useConnect((s) => s.me);
  const devices = useConnect((s) => s.devices);
  const shared = useConnect((s) => s.shared);
  if (!shared || shared.activeDeviceId == null || shared.activeDeviceId === me || shared.trackId == null) return null;
  const device = devices.find((d) => d.id === shared.activeDeviceId && d.online);
  return device ? { device, shared } : null;
}

/** A remote-control command to the device that plays (docs/sync-protocol.md: play, pause, seek, next, previous, volume). */
export function command(name: 'play' | 'pause' | 'next' | 'previous' | 'seek' | 'volume', fields: Record<string, unknown> = {}): boolean {
  return sendSync({ type: 'playback.command', command: name, ...fields });
}

/** Does what another device of mine asked this one (it plays: the commands go to the active device). */
function obey(message: Record<string, unknown>): void {
  const player = usePlayer.getState();
  switch (message.command) {
    case 'play':
      if (!player.playing) void player.toggle();
      break;
    case 'pause':
      player.pause();
      break;
    case 'seek':
      if (typeof message.positionMs === 'number') player.seek(Math.max(0, message.positionMs) / 1000);
      break;
    case 'next':
      void player.next();
      break;
    case 'previous':
      void player.previous();
      break;
    case 'volume':
      if (typeof message.volume === 'number') player.setVolume(Math.min(100, Math.max(0, message.volume)) / 100);
      break;
    case 'setQueue': {
      // another device of mine chose what to play, and playback is here: play it here (the queue is shared already)
      const ids = Array.isArray(message.queue) ? (message.queue as unknown[]).filter((id): id is number => typeof id === 'number') : [];
      if (ids.length === 0) break;
      const at = typeof message.queueIndex === 'number' ? Math.min(Math.max(0, message.queueIndex), ids.length - 1) : 0;
      const { shared } = useConnect.getState();
      if (shared && typeof message.queueVersion === 'number') {
        // what this device reports next is based on that queue: its version, before the state push with it arrives
        useConnect.setState({ shared: { ...shared, queue: ids, queueIndex: at, queueVersion: message.queueVersion } });
      }
      queueTracks(ids, at).then(({ tracks, index }) => {
        if (tracks.length > 0) void usePlayer.getState().playTracks(tracks, index);
      }).catch((e: unknown) => {
        console.warn('The queue sent from another device could not be played:', e);
      });
      break;
    }
    default:
      break; // anything newer is ignored
  }
}

/**
 * Where a play the user asks for goes while another device of theirs plays (Spotify's behaviour): that device's queue
 * becomes {@code list} and it plays from {@code index}; this one stays the remote. False (play here) when no other
 * device plays, the socket is down, or the queue is too long for one command.
 */
function playElsewhere(list: Track[], index: number): boolean {
  if (following) return false;
  const { me, devices, shared } = useConnect.getState();
  if (!shared || shared.activeDeviceId == null || shared.activeDeviceId === me || list.length === 0 || list.length > MAX_QUEUE) return false;
  if (!devices.some((d) => d.id === shared.activeDeviceId && d.online)) return false;
  return sendSync({ type: 'playback.command', command: 'setQueue', queue: list.map((t) => t.id), queueIndex: index,
    queueVersion: shared.queueVersion });
}

async function follow(state: SharedState, reason: unknown, serverTime: string | undefined): Promise<void> {
  const { me } = useConnect.getState();
  const player = usePlayer.getState();
  if (state.activeDeviceId !== me) {
    player.pause(); // another device plays now
    return;
  }
  if (reason !== 'transfer' || state.trackId == null) return;
  // playback moved here: start where it has got to
  const queue = state.queue.length > 0 ? state.queue : [state.trackId];
  const at = state.queue.length > 0 ? state.queueIndex : 0;
  const { tracks: list, index } = await queueTracks(queue, at);
  if (list.length === 0) return; // nothing of it is left to play here
  const position = list[index]?.id === queue[at] ? positionAt(state, serverTime) / 1000 : 0; // its track may be gone
  // Only the store's own changes from applying the shared state are kept from being reported: they happen
  // synchronously in these calls (playTracks sets the queue and starts the output before its first await). The wait
  // for the output is not covered: a command or a click meanwhile (pause from another device while a long track is
  // still decoding) is this device's own change and must be reported, or the others never learn of it.
  const applying = <T,>(change: () => T): T => {
    following = true;
    try {
      return change();
    } finally {
      following = false;
    }
  };
  await applying(() => player.playTracks(list, index, position));
  if (!state.playing) applying(() => usePlayer.getState().pause()); // cued here, paused as it was there
}

/**
 * Reports a change of ours while this device is the active one (or none is). When another device is active and the
 * user starts playing here, this device takes playback over first (a transfer to itself, whose answer it does not
 * follow: what plays here is what the user just chose) and then reports it.
 */
function report(withQueue: boolean): void {
  if (following) return;
  const { me, shared } = useConnect.getState();
  if (shared?.activeDeviceId != null && shared.activeDeviceId !== me) {
    if (me === undefined || !usePlayer.getState().playing || claiming !== null) return;
    claiming = `claim-${++transfers}`;
    sendSync({ type: 'playback.transfer', id: claiming, target: me, play: true });
    return;
  }
  const { queue, index, playing, position, volume } = usePlayer.getState();
  const track = queue[index];
  if (!track) return;
  const message: Record<string, unknown> = { type: 'playback.state', trackId: track.id, positionMs: Math.round(position * 1000), playing,
    queueIndex: index, volume: Math.round(volume * 100) };
  if (withQueue) {
    message.queue = queue.map((t) => t.id);
    message.queueVersion = shared?.queueVersion ?? 0;
  }
  sendSync(message);
}

/**
 * The shared state says this device plays, but nothing plays here (the page was reloaded or closed mid-track, and this
 * is the same device back): say it is paused where it had got to, or every other device shows it playing forever.
 */
function reconcile(serverTime: string | undefined): void {
  const { me, shared } = useConnect.getState();
  if (me === undefined || !shared || shared.activeDeviceId !== me || !shared.playing || shared.trackId == null) return;
  const { playing, queue } = usePlayer.getState();
  if (playing) return;
  // the time since the last report may run past the track's end: it stopped at the end at the latest
  const durationMs = queue.find((t) => t.id === shared.trackId)?.durationMs;
  const positionMs = Math.min(positionAt(shared, serverTime), durationMs ?? Infinity);
  sendSync({ type: 'playback.state', trackId: shared.trackId, positionMs: Math.round(positionMs), playing: false });
}

/** Moves playback to {@code deviceId} (this browser included), playing. */
export function transfer(deviceId: number): void {
  pendingTransfer = `transfer-${++transfers}`;
  sendSync({ type: 'playback.transfer', id: pendingTransfer, target: deviceId, play: true });
}

/** Starts following and reporting; returns the way to stop. */
export function startConnect(): () => void {
  const stopMessages = onSyncMessage((m) => {
    switch (m.type) {
      case 'snapshot':
        useConnect.setState({ devices: (m.devices as Device[]) ?? [], shared: (m.playback as SharedState) ?? undefined });
        reconcile(m.serverTime as string | undefined);
        break;
      case 'connected':
        useConnect.setState({ me: m.deviceId as number });
        reconcile(m.serverTime as string | undefined);
        break;
      case 'devices':
        useConnect.setState({ devices: m.devices as Device[] });
        break;
      case 'playback.command':
        obey(m);
        break;
      case 'error':
        if (claiming !== null && m.id === claiming) claiming = null;
        break;
      case 'playback.state':
      case 'ack': {
        const state = m.state as SharedState | undefined;
        if (!state) break;
        useConnect.setState({ shared: state });
        if (m.type === 'ack' && claiming !== null && m.id === claiming) {
          claiming = null;
          report(true); // active now: what plays here becomes the shared state
          break;
        }
        // a push (another device moved playback), or the answer to our own transfer (the asking device gets no push)
        const ours = m.type === 'ack' && pendingTransfer !== null && m.id === pendingTransfer;
        if (ours) pendingTransfer = null;
        if (m.type === 'playback.state' || ours) {
          follow(state, ours ? 'transfer' : m.reason, m.serverTime as string | undefined).catch((e: unknown) => {
            console.warn('Playback could not follow the shared state:', e);
          });
        }
        break;
      }
      default:
        break;
    }
  });
  // a volume slider moves in many small steps: the volume reached is reported once it rests a moment
  let volumeReport: ReturnType<typeof setTimeout> | undefined;
  const stopPlayer = usePlayer.subscribe((now, before) => {
    if (now.queue !== before.queue) report(true);
    else if (now.index !== before.index || now.playing !== before.playing || now.seeks !== before.seeks) report(false);
    else if (now.volume !== before.volume) {
      clearTimeout(volumeReport);
      volumeReport = setTimeout(() => report(false), VOLUME_REST_MS);
    }
  });
  usePlayer.setState({ playElsewhere });
  return () => {
    clearTimeout(volumeReport);
    usePlayer.setState({ playElsewhere: null });
    stopMessages();
    stopPlayer();
  };
}
