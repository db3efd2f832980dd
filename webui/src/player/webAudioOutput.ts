import { AudioEngine, type EngineTrack, type LoadProgress, type QueueState, type TrackLoader } from './engine';
import { Emitter, type Output, type OutputEvents, type OutputTrack, type RepeatMode } from './output';

/**
 * The Web Audio output: the engine (engine/, no React) behind the player's {@link Output}. Tracks are fetched whole
 * and decoded, the next one ahead, and scheduled on the AudioContext's clock: gapless to the sample, crossfade, EQ,
 * ReplayGain (docs/decisions.md, "Web app"). The player's queue is the list given to {@link start}; the engine plays it
 * in order.
 */
/** Between a command and the first sample it schedules (the engine's default). */
const LEAD_SECONDS = 0.05;
/**
 * A track not decoded yet starts from a head, about its first 10 s (the engine's `headSeconds`, sized from the
 * Content-Length and the catalog's duration; 1 MiB at most, and when either is unknown), while the rest arrives and
 * decodes: a head decodes in tens of milliseconds where the whole of a long lossless file takes a second or more.
 */
const HEAD_BYTES = 1 << 20;

export class WebAudioOutput implements Output {
  readonly name = 'web-audio' as const;
  readonly engine: AudioEngine;
  private readonly events = new Emitter();
  private ids: string[] = [];
  private playingTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(context: AudioContext, load: TrackLoader = fetchTrack) {
    this.engine = new AudioEngine(context, load, { scheduleLead: LEAD_SECONDS, headBytes: HEAD_BYTES });
    this.engine.on('track', ({ entry }) => {
      this.events.emit('track', this.indexOf(entry.track.id), this.engine.currentTime());
      // the engine schedules a track's first sample LEAD_SECONDS after it is decoded and placed
      clearTimeout(this.playingTimer);
      this.playingTimer = setTimeout(() => this.events.emit('playing'), LEAD_SECONDS * 1000);
    });
    this.engine.on('time', ({ position }) => this.events.emit('time', position));
    this.engine.on('ended', () => this.events.emit('ended'));
    this.engine.on('error', ({ entry, error }) =>
      this.events.emit('error', entry ? this.indexOf(entry.track.id) : -1, error instanceof Error ? error.message : String(error)));
  }

  private indexOf(id: string): number {
    return this.ids.indexOf(id);
  }

  async start(tracks: OutputTrack[], index: number, offsetSeconds = 0): Promise<void> {
    clearTimeout(this.playingTimer); // the last track's first sound is not this one's
    const key = tracks[index]?.key;
    if (this.engine.isPlaying() && offsetSeconds === 0 && key !== undefined && key !== this.engine.currentKey()) {
      // Playing: the engine stops the old track and starts the new one itself, without the round trip to the audio
      // thread a suspend and a resume take (tens of milliseconds each).
      await this.engine.updateQueue((state) => this.listed(state, tracks, index));
      return;
    }
    await this.engine.pause();
    await this.engine.updateQueue((state) => this.listed(state, tracks, index));
    if (offsetSeconds > 0) await this.engine.seek(offsetSeconds);
    await this.engine.play();
  }

  update(tracks: OutputTrack[], index: number): void {
    // the entry playing keeps its id, so the engine plays on; a different next one is decoded and scheduled anew
    void this.engine.updateQueue((state) => this.listed(state, tracks, index));
  }

  /** The engine's queue as {@code tracks} in order, {@code index} current, each entry named by the player's key. */
  private listed(state: QueueState<EngineTrack>, tracks: OutputTrack[], index: number): QueueState<EngineTrack> {
    const items = tracks.map((t) => ({
      entryId: t.key,
      track: {
        id: t.key,
        url: t.url,
        albumId: t.albumId == null ? null : String(t.albumId),
        disc: t.disc ?? null,
        track: t.track ?? null,
        replayGain: t.replayGain ?? null,
        durationSeconds: t.durationMs > 0 ? t.durationMs / 1000 : null,
      },
    }));
    this.ids = items.map((i) => i.entryId);
    return { ...state, items, order: this.ids, index, shuffle: false };
  }

  pause(): void {
    void this.engine.pause();
  }

  async resume(): Promise<void> {
    await this.engine.play();
  }

  seek(seconds: number): void {
    void this.engine.seek(seconds);
  }

  setVolume(volume: number): void {
    this.engine.setVolume(volume);
  }

  setRepeat(mode: RepeatMode): void {
    // the engine's queue repeats gaplessly: the track again, or the first after the last, scheduled at the end
    void this.engine.updateQueue((state) => ({ ...state, repeat: mode }));
  }

  on<E extends keyof OutputEvents>(event: E, listener: OutputEvents[E]): () => void {
    return this.events.on(event, listener);
  }

  close(): void {
    this.engine.dispose();
  }
}

/** Fetches a whole track, telling {@code progress} of the bytes as they arrive. */
export async function fetchTrack(url: string, progress?: LoadProgress): Promise<ArrayBuffer> {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`The server answered ${response.status} for the track`);
  if (!progress || !response.body) return response.arrayBuffer();
  const length = Number(response.headers.get('Content-Length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  // the bytes go straight into one buffer of the announced size (grown if more come): no chunk list to join at the end,
  // and the whole file is handed over without another copy of it
  let all = new Uint8Array(total ?? 1 << 20);
  let received = 0;
  const snapshot = (maxBytes = received): ArrayBuffer => all.slice(0, Math.min(maxBytes, received)).buffer;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (received + value.length > all.length) {
      const bigger = new Uint8Array(Math.max(all.length * 2, received + value.length));
      bigger.set(all.subarray(0, received));
      all = bigger;
    }
    all.set(value, received);
    received += value.length;
    progress(received, snapshot, total);
  }
  return received === all.length ? all.buffer : all.slice(0, received).buffer;
}
