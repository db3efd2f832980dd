import type {
  AnalyserNodeLike,
  AudioBufferLike,
  AudioBufferSourceNodeLike,
  AudioContextLike,
  GainNodeLike,
} from './audioTypes';
import { clampCrossfade, curve, isAlbumContinuation, overlapSamples } from './crossfade';
import type { AlbumPosition, CrossfadeCurve } from './crossfade';
import { applyEqGains, createEqChain, normalizeEq } from './equalizer';
import type { EqChain, EqSettings } from './equalizer';
import { parseMp3Gapless, playableSpan, trimForBuffer } from './gapless';
import type { GaplessInfo, PlayableSpan } from './gapless';
import * as queue from './queue';
import type { QueueEntry, QueueState } from './queue';
import { DEFAULT_REPLAY_GAIN, dbToLinear, replayGainLinear } from './replaygain';
import type { ReplayGainSettings, ReplayGainTags } from './replaygain';

/** What the engine needs to know of a track. */
export interface EngineTrack extends AlbumPosition {
  readonly id: string;
  /** Where the whole encoded file is fetched from (passed to `load`). */
  readonly url: string;
  readonly replayGain?: ReplayGainTags | null;
  /** Encoder delay/padding when the server knows them; otherwise read from MP3 bytes. */
  readonly gapless?: GaplessInfo | null;
  /** The track's length as the catalog knows it: sizes its head (see `headSeconds`). */
  readonly durationSeconds?: number | null;
}

export type EngineEntry = QueueEntry<EngineTrack>;

export interface EngineEventMap {
  /** A track became current: at its start, or at the start of its crossfade. */
  track: { entry: EngineEntry; duration: number };
  /** Position in the current track, emitted by the timer and on seek. */
  time: { entry: EngineEntry; position: number; duration: number };
  /** The queue played out (or next() ran past the end). */
  ended: undefined;
  /**
   * A track could not be fetched or decoded (the engine skipped it), or the context refused a
   * command (entry: the current entry, null when there is none).
   */
  error: { entry: EngineEntry | null; error: unknown };
  /** The queue state changed (advance, skip, edits). */
  queue: QueueState<EngineTrack>;
}

export type EngineListener<K extends keyof EngineEventMap> = (payload: EngineEventMap[K]) => void;

export interface EngineTimer {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/**
 * Reports the bytes of a track as they arrive: how many so far, a function that copies the first
 * of them, at most `maxBytes` (called only when the engine wants them), and the file's size when
 * the server said it (Content-Length).
 */
export type LoadProgress = (
  receivedBytes: number,
  snapshot: (maxBytes?: number) => ArrayBuffer,
  totalBytes?: number | null,
) => void;

/** Fetches a track's whole encoded file; may report its progress (see `headBytes`). */
export type TrackLoader = (url: string, progress?: LoadProgress) => Promise<ArrayBuffer>;

export interface AudioEngineOptions {
  /** Seconds between a command and the start of the source it schedules (default 0.05). */
  readonly scheduleLead?: number;
  /** How often `time` is emitted and transitions are checked (default 250 ms). */
  readonly tickMs?: number;
  /** Timer for the ticks; tests pass a manual one. Default: the global setInterval. */
  readonly timer?: EngineTimer;
  /** Points of each crossfade curve given to setValueCurveAtTime (default 256). */
  readonly curvePoints?: number;
  /**
   * Start a track from a head, its first bytes, while the rest arrives and decodes: at most
   * `headBytes` of them, and that many when the file's size or the track's duration is unknown
   * (0, the default: no heads, wait for the whole file). See `startCurrent`.
   */
  readonly headBytes?: number;
  /**
   * How much music a head aims at when the file's size and the track's duration are known: the
   * head is `size × headSeconds / duration` bytes (at least 64 KiB, at most `headBytes`), so it
   * decodes in a few tens of milliseconds however the file is compressed. Default 10.
   */
  readonly headSeconds?: number;
}

/** The nodes the engine owns, exposed for a visualizer and for a media-element fallback. */
export interface EngineGraph {
  readonly context: AudioContextLike;
  /** Where per-track gains connect (the first EQ filter); a MediaElementSourceNode can too. */
  readonly input: EqChain['input'];
  readonly eq: EqChain;
  /** EQ preamp × volume. */
  readonly master: GainNodeLike;
  readonly analyser: AnalyserNodeLike;
}

interface Decoded {
  readonly buffer: AudioBufferLike;
  /** In the buffer's samples. */
  readonly span: PlayableSpan;
  /** Decoded from the file's first `bytes` bytes only (a head); the whole file replaces it. */
  readonly partial: boolean;
  readonly bytes: number;
}

/** A track being fetched and decoded: the whole file, and heads of it on demand. */
interface Job {
  full: Promise<Decoded>;
  fullDone: boolean;
  received: number;
  snapshot: ((maxBytes?: number) => ArrayBuffer) | null;
  /** The first head, once asked for (`head`): null when the file arrived first or cannot have one. */
  head: Promise<Decoded | null> | null;
  /** The size of this file's head in bytes (0 until the first progress report). */
  headSize: number;
  /** Bytes a head waits for before it decodes (set by `head`). */
  headWanted: ((bytes: ArrayBuffer | null) => void) | null;
  /** A longer head being decoded to extend the one playing. */
  extending: boolean;
}

/** Samples left out at the end of a head: the truncated file's last frame may not decode whole. */
const HEAD_MARGIN_SAMPLES = 8192;
/** The smallest head sized from the file's size and duration. */
const MIN_HEAD_BYTES = 64 * 1024;
/** A head playing that has less than this left is replaced by a longer head of the bytes received so far. */
const HEAD_EXTEND_SECONDS = 3;

interface Scheduled {
  readonly entry: EngineEntry;
  readonly decoded: Decoded;
  readonly source: AudioBufferSourceNodeLike;
  readonly gain: GainNodeLike;
  readonly replayGain: number;
  /** Timeline sample (from the anchor, in context samples) where the source starts. */
  readonly startSample: number;
  /** Position in the playable span (buffer samples) the source starts from. */
  readonly fromSample: number;
  /** Timeline sample where the source has played out. */
  readonly endSample: number;
}

const globalTimer: EngineTimer = {
  setInterval: (callback, ms) => globalThis.setInterval(callback, ms),
  clearInterval: (handle) => globalThis.clearInterval(handle as ReturnType<typeof setInterval>),
};

/**
 * The audio graph: per-track sources → per-track gain (ReplayGain × crossfade) → 10-band EQ →
 * master gain (EQ preamp × volume) → analyser → destination.
 *
 * Tracks are fetched whole, decoded into AudioBuffers and scheduled on the context clock. All
 * start times are `anchor + integerSamples / sampleRate`, where the anchor is the context time
 * of the last play/seek/skip, so track n+1 starts exactly where track n's trimmed span ends (or
 * `crossfade` seconds earlier, with gain curves on both tracks). The next track is decoded and
 * scheduled as soon as the current one starts.
 *
 * Pause suspends the AudioContext (resume on play): the clock stops, so everything scheduled
 * stays sample-exact across a pause. No method throws or rejects: failures arrive as 'error'.
 */
export class AudioEngine {
  readonly graph: EngineGraph;

  private readonly listeners = new Map<keyof EngineEventMap, Set<(payload: never) => void>>();
  private readonly cache = new Map<string, Job>();
  private readonly failed = new Set<string>();
  private readonly retiring = new Set<Scheduled>();
  private readonly lead: number;
  private readonly tickMs: number;
  private readonly timer: EngineTimer;
  private readonly curvePoints: number;
  private readonly headBytes: number;
  private readonly headSeconds: number;

  private state: QueueState<EngineTrack> = queue.emptyQueue<EngineTrack>();
  private current: Scheduled | null = null;
  private next_: Scheduled | null = null;
  private nextLoading = false;
  private anchorTime = 0;
  private generation = 0;
  private nextToken = 0;
  private active = false;
  private pendingPosition = 0;
  private timerHandle: unknown = null;

  private volume = 1;
  private eq: EqSettings = normalizeEq({ gainsDb: [], preampDb: 0 });
  private crossfadeSeconds = 0;
  private crossfadeCurve: CrossfadeCurve = 'equalPower';
  private replayGain: ReplayGainSettings = DEFAULT_REPLAY_GAIN;

  constructor(
    private readonly context: AudioContextLike,
    private readonly load: TrackLoader,
    options: AudioEngineOptions = {},
  ) {
    this.lead = options.scheduleLead ?? 0.05;
    this.tickMs = options.tickMs ?? 250;
    this.timer = options.timer ?? globalTimer;
    this.curvePoints = options.curvePoints ?? 256;
    this.headBytes = Math.max(0, options.headBytes ?? 0);
    this.headSeconds = options.headSeconds ?? 10;

    const eq = createEqChain(context);
    const master = context.createGain();
    const analyser = context.createAnalyser();
    eq.output.connect(master);
    master.connect(analyser);
    analyser.connect(context.destination);
    this.graph = { context, input: eq.input, eq, master, analyser };
    this.applyMaster();
  }

  // ---- events -------------------------------------------------------------------------------

  /** Subscribes to an event; returns the unsubscribe function. */
  on<K extends keyof EngineEventMap>(type: K, listener: EngineListener<K>): () => void {
    let set = this.listeners.get(type);
    if (!set) {
      set = new Set();
      this.listeners.set(type, set);
    }
    set.add(listener as (payload: never) => void);
    return () => this.off(type, listener);
  }

  off<K extends keyof EngineEventMap>(type: K, listener: EngineListener<K>): void {
    this.listeners.get(type)?.delete(listener as (payload: never) => void);
  }

  private emit<K extends keyof EngineEventMap>(type: K, payload: EngineEventMap[K]): void {
    for (const listener of [...(this.listeners.get(type) ?? [])]) {
      try {
        (listener as EngineListener<K>)(payload);
      } catch (error) {
        // A listener's bug must not break playback.
        console.error('AudioEngine listener failed', error);
      }
    }
  }

  // ---- state --------------------------------------------------------------------------------

  getQueue(): QueueState<EngineTrack> {
    return this.state;
  }

  /** Position in the current track in seconds, from the context clock. */
  currentTime(): number {
    const cur = this.current;
    if (!cur) return this.pendingPosition;
    const rate = cur.decoded.buffer.sampleRate;
    const zero = this.timeOf(cur.startSample) - cur.fromSample / rate;
    return Math.min(cur.decoded.span.duration, Math.max(0, this.context.currentTime - zero));
  }

  /** Duration of the current track's playable span in seconds (0 when nothing is loaded). */
  duration(): number {
    return this.current?.decoded.span.duration ?? 0;
  }

  /** The entry id of the current queue entry (undefined: none). */
  currentKey(): string | undefined {
    return queue.current(this.state)?.entryId;
  }

  isPlaying(): boolean {
    return this.active && this.context.state === 'running';
  }

  // ---- transport ----------------------------------------------------------------------------

  /** Replaces the queue; playback continues with the new current track when it was playing. */
  async setQueue(tracks: readonly EngineTrack[], startIndex = 0): Promise<void> {
    return this.safely(async () => {
      this.failed.clear();
      this.setState(queue.setQueue(this.state, tracks, startIndex));
      this.pendingPosition = 0;
      if (this.active) await this.startCurrent(0);
      else this.stopAll();
    });
  }

  /**
   * Applies a queue edit (playNext, addToQueue, remove, move, toggleShuffle, setRepeat, jumpTo…).
   * A new current track starts from 0; a different upcoming track is rescheduled.
   */
  async updateQueue(edit: (state: QueueState<EngineTrack>) => QueueState<EngineTrack>): Promise<void> {
    return this.safely(async () => {
      const before = queue.current(this.state)?.entryId;
      this.setState(edit(this.state));
      const after = queue.current(this.state)?.entryId;
      if (before !== after) {
        this.pendingPosition = 0;
        if (this.active) await this.startCurrent(0);
        else this.stopAll();
        return;
      }
      if (this.current && this.next_?.entry.entryId !== this.upcomingCandidates()[0]?.entryId) {
        await this.rescheduleNext();
      }
    });
  }

  async play(): Promise<void> {
    return this.safely(async () => {
      this.active = true;
      this.startTimer();
      try {
        if (this.context.state !== 'running') await this.context.resume();
      } catch (error) {
        this.reportError(error);
      }
      if (!this.current) await this.startCurrent(this.pendingPosition);
    });
  }

  /** Suspends the context: the clock and every scheduled start stop with it. */
  async pause(): Promise<void> {
    return this.safely(async () => {
      this.active = false;
      this.stopTimer();
      this.pendingPosition = this.currentTime();
      try {
        await this.context.suspend();
      } catch (error) {
        this.reportError(error);
      }
    });
  }

  /** Restarts the current track at `seconds` (clamped to its span). */
  async seek(seconds: number): Promise<void> {
    return this.safely(async () => {
      const position = Number.isFinite(seconds) ? Math.max(0, seconds) : 0;
      this.pendingPosition = position;
      if (this.current || this.active) await this.startCurrent(position);
    });
  }

  async next(): Promise<void> {
    return this.safely(async () => {
      const moved = queue.next(this.state, 'user');
      if (!moved) {
        this.finish();
        return;
      }
      this.setState(moved);
      this.pendingPosition = 0;
      if (this.active) await this.startCurrent(0);
      else this.stopAll();
    });
  }

  /** Previous track, or the start of this one when more than 3 s in. */
  async previous(): Promise<void> {
    return this.safely(async () => {
      const { state, restart } = queue.previous(this.state, this.currentTime());
      if (restart) {
        await this.seek(0);
        return;
      }
      this.setState(state);
      this.pendingPosition = 0;
      if (this.active) await this.startCurrent(0);
      else this.stopAll();
    });
  }

  /** Stops playback and releases the sources; the queue stays. */
  stop(): void {
    this.active = false;
    this.stopTimer();
    this.generation++;
    this.stopAll();
    this.pendingPosition = 0;
  }

  /** Stops everything and disconnects the graph. */
  dispose(): void {
    this.stop();
    this.cache.clear();
    this.listeners.clear();
    this.graph.analyser.disconnect();
    this.graph.master.disconnect();
    for (const filter of this.graph.eq.filters) filter.disconnect();
  }

  // ---- settings -----------------------------------------------------------------------------

  /** Linear volume, 0 to 1. */
  setVolume(volume: number): void {
    this.volume = Number.isFinite(volume) ? Math.min(1, Math.max(0, volume)) : 1;
    this.applyMaster();
  }

  /** Crossfade in seconds (0 = gapless, at most 12) and its curve; reschedules the next track. */
  async setCrossfade(seconds: number, kind: CrossfadeCurve = this.crossfadeCurve): Promise<void> {
    return this.safely(async () => {
      this.crossfadeSeconds = clampCrossfade(seconds);
      this.crossfadeCurve = kind;
      if (this.current) await this.rescheduleNext();
    });
  }

  async setReplayGain(settings: ReplayGainSettings): Promise<void> {
    return this.safely(async () => {
      this.replayGain = settings;
      if (this.current) await this.rescheduleNext();
    });
  }

  /** Band gains and preamp in dB, each limited to ±12. */
  setEq(settings: EqSettings): void {
    this.eq = normalizeEq(settings);
    applyEqGains(this.graph.eq, this.eq.gainsDb);
    this.applyMaster();
  }

  private applyMaster(): void {
    this.graph.master.gain.value = this.volume * dbToLinear(this.eq.preampDb);
  }

  // ---- clock --------------------------------------------------------------------------------

  /**
   * Promotes the next track once its start time has come, notices the end of the queue and
   * emits 'time'. Runs on the timer and when a source ends; public so a caller can drive it
   * (e.g. from requestAnimationFrame).
   */
  tick(): void {
    const now = this.context.currentTime;
    const upcoming = this.next_;
    if (upcoming && now >= this.timeOf(upcoming.startSample)) {
      if (this.current) this.retire(this.current);
      this.current = upcoming;
      this.next_ = null;
      this.setState(queue.jumpTo(this.state, upcoming.entry.entryId));
      this.emit('track', { entry: upcoming.entry, duration: upcoming.decoded.span.duration });
      void this.safely(() => this.prepareNext());
    }
    const cur = this.current;
    if (!cur) return;
    if (cur.decoded.partial) {
      this.extendHead(cur, now);
    } else if (!this.next_ && !this.nextLoading && now >= this.timeOf(cur.endSample)) {
      this.finish();
      return;
    }
    this.emit('time', { entry: cur.entry, position: this.currentTime(), duration: this.duration() });
  }

  private timeOf(timelineSample: number): number {
    return this.anchorTime + timelineSample / this.context.sampleRate;
  }

  private toTimeline(samples: number, bufferRate: number): number {
    const rate = this.context.sampleRate;
    return bufferRate === rate ? samples : Math.round((samples * rate) / bufferRate);
  }

  private toBuffer(timelineSamples: number, bufferRate: number): number {
    const rate = this.context.sampleRate;
    return bufferRate === rate ? timelineSamples : Math.round((timelineSamples * bufferRate) / rate);
  }

  private startTimer(): void {
    if (this.timerHandle === null) this.timerHandle = this.timer.setInterval(() => this.tick(), this.tickMs);
  }

  private stopTimer(): void {
    if (this.timerHandle !== null) this.timer.clearInterval(this.timerHandle);
    this.timerHandle = null;
  }

  // ---- scheduling ---------------------------------------------------------------------------

  /**
   * (Re)starts the current queue entry at `fromSeconds`, skipping entries that fail to load.
   *
   * With `headBytes` set, a track not decoded yet starts from a head: the file's first bytes,
   * decoded alone as soon as they arrive (a long lossless file takes a second or more to fetch
   * and decode whole). When the whole file is decoded it takes over at the very sample the head
   * has reached: the browser's decoder gives a head the same samples it gives the whole file,
   * so the swap is inaudible. A head that runs short is replaced by a longer one of the bytes
   * received so far. The next track is scheduled once the whole file is in (its start is the
   * whole file's end).
   */
  private async startCurrent(fromSeconds: number): Promise<void> {
    const generation = ++this.generation;
    this.stopAll();
    let from = fromSeconds;
    for (let attempt = 0; attempt <= this.state.order.length; attempt++) {
      const entry = queue.current(this.state);
      if (!entry) {
        this.finish();
        return;
      }
      let decoded: Decoded;
      try {
        decoded = await this.playable(entry, from);
      } catch (error) {
        if (generation !== this.generation) return;
        this.failed.add(entry.entryId);
        this.emit('error', { entry, error });
        const moved = queue.next(this.state, 'user');
        if (!moved) {
          this.finish();
          return;
        }
        this.setState(moved);
        from = 0;
        continue;
      }
      if (generation !== this.generation) return;
      this.failed.delete(entry.entryId);
      const rate = decoded.buffer.sampleRate;
      const fromSample = Math.min(Math.round(from * rate), Math.max(0, decoded.span.lengthSamples - 1));
      this.anchorTime = this.context.currentTime + this.lead;
      this.current = this.schedule(entry, decoded, 0, fromSample);
      this.pendingPosition = 0;
      this.emit('track', { entry, duration: decoded.span.duration });
      this.emit('time', { entry, position: fromSample / rate, duration: decoded.span.duration });
      if (decoded.partial) this.upgradeWhenDecoded(entry, generation);
      await this.prepareNext();
      return;
    }
    this.finish();
  }

  /** Creates, connects and starts a source for `entry` at timeline sample `startSample`. */
  private schedule(entry: EngineEntry, decoded: Decoded, startSample: number, fromSample: number): Scheduled {
    const { buffer, span } = decoded;
    const rate = buffer.sampleRate;
    const source = this.context.createBufferSource();
    const gain = this.context.createGain();
    source.buffer = buffer;
    source.connect(gain);
    gain.connect(this.graph.input);
    const replayGain = replayGainLinear(entry.track.replayGain, this.replayGain);
    const when = this.timeOf(startSample);
    gain.gain.value = replayGain;
    gain.gain.setValueAtTime(replayGain, when);
    const scheduled: Scheduled = {
      entry,
      decoded,
      source,
      gain,
      replayGain,
      startSample,
      fromSample,
      endSample: startSample + this.toTimeline(span.lengthSamples - fromSample, rate),
    };
    source.onended = () => {
      if (this.retiring.delete(scheduled)) this.release(scheduled);
      this.tick();
    };
    try {
      source.start(when, (span.offsetSamples + fromSample) / rate, (span.lengthSamples - fromSample) / rate);
    } catch (error) {
      source.onended = null;
      source.disconnect();
      gain.disconnect();
      throw error;
    }
    return scheduled;
  }

  private upcomingCandidates(): EngineEntry[] {
    const seen = new Set<string>();
    return queue.upcoming(this.state, Math.max(1, this.state.order.length)).filter((entry) => {
      if (seen.has(entry.entryId) || this.failed.has(entry.entryId)) return false;
      seen.add(entry.entryId);
      return true;
    });
  }

  /** Decodes the track after the current one and schedules it at the current one's end. */
  private async prepareNext(): Promise<void> {
    const generation = this.generation;
    const token = ++this.nextToken;
    const cur = this.current;
    if (!cur || cur.decoded.partial) return; // scheduled once the whole file replaces the head
    this.nextLoading = true;
    try {
      for (const entry of this.upcomingCandidates()) {
        let decoded: Decoded;
        try {
          decoded = await this.job(entry).full;
        } catch (error) {
          if (generation !== this.generation || token !== this.nextToken) return;
          this.failed.add(entry.entryId);
          this.emit('error', { entry, error });
          continue;
        }
        if (generation !== this.generation || token !== this.nextToken || this.current !== cur) return;
        this.next_ = this.scheduleAfter(cur, entry, decoded);
        this.pruneCache();
        return;
      }
      this.pruneCache();
    } finally {
      if (token === this.nextToken) this.nextLoading = false;
    }
  }

  private scheduleAfter(cur: Scheduled, entry: EngineEntry, decoded: Decoded): Scheduled {
    const length = this.toTimeline(decoded.span.lengthSamples, decoded.buffer.sampleRate);
    const crossfade =
      this.crossfadeSeconds > 0 && !isAlbumContinuation(cur.entry.track, entry.track)
        ? overlapSamples(this.crossfadeSeconds, this.context.sampleRate, cur.endSample - cur.startSample, length)
        : 0;
    // Decoded too late for the exact start: start as soon as possible (the one unavoidable gap).
    const earliest = Math.ceil((this.context.currentTime + this.lead - this.anchorTime) * this.context.sampleRate);
    const startSample = Math.max(cur.endSample - crossfade, earliest);
    const overlap = crossfade > 0 ? Math.max(0, cur.endSample - startSample) : 0;
    const scheduled = this.schedule(entry, decoded, startSample, 0);
    if (overlap > 0) {
      const when = this.timeOf(startSample);
      const seconds = overlap / this.context.sampleRate;
      cur.gain.gain.cancelScheduledValues(when);
      cur.gain.gain.setValueCurveAtTime(
        curve(this.crossfadeCurve, 'out', this.curvePoints, cur.replayGain),
        when,
        seconds,
      );
      scheduled.gain.gain.cancelScheduledValues(when);
      scheduled.gain.gain.setValueCurveAtTime(
        curve(this.crossfadeCurve, 'in', this.curvePoints, scheduled.replayGain),
        when,
        seconds,
      );
    }
    return scheduled;
  }

  /** Drops the scheduled next track and any fade-out on the current one, then schedules again. */
  private async rescheduleNext(): Promise<void> {
    this.tick();
    const cur = this.current;
    if (!cur) return;
    this.nextToken++;
    this.nextLoading = false;
    if (this.next_) {
      this.release(this.next_);
      this.next_ = null;
    }
    const now = this.context.currentTime;
    cur.gain.gain.cancelScheduledValues(now);
    cur.gain.gain.setValueAtTime(cur.replayGain, now);
    await this.prepareNext();
  }

  /** The fetch and decode of `entry`'s file, started on first use and kept while it is current or next. */
  private job(entry: EngineEntry): Job {
    const cached = this.cache.get(entry.entryId);
    if (cached) return cached;
    const job: Job = {
      full: Promise.resolve(null as never),
      fullDone: false,
      received: 0,
      snapshot: null,
      head: null,
      headSize: 0,
      headWanted: null,
      extending: false,
    };
    const progress: LoadProgress | undefined =
      this.headBytes > 0
        ? (received, snapshot, total) => {
            if (job.headSize === 0) job.headSize = this.headSizeOf(entry.track, total);
            job.received = received;
            job.snapshot = snapshot;
            if (job.headWanted && received >= job.headSize) this.headBytesFor(job, snapshot(job.headSize));
          }
        : undefined;
    job.full = (async (): Promise<Decoded> => {
      try {
        const bytes = await this.load(entry.track.url, progress);
        this.headBytesFor(job, null); // the whole file came before a head was worth decoding
        const size = bytes.byteLength;
        // decodeAudioData detaches the bytes: read the tags first.
        const info = entry.track.gapless ?? parseMp3Gapless(bytes);
        const buffer = await this.context.decodeAudioData(bytes);
        const trims = info
          ? trimForBuffer(info, buffer.length, buffer.sampleRate)
          : { trimStartSamples: 0, trimEndSamples: 0 };
        const span = playableSpan(buffer.length, buffer.sampleRate, trims.trimStartSamples, trims.trimEndSamples);
        return { buffer, span, partial: false, bytes: size };
      } finally {
        job.fullDone = true;
        job.snapshot = null; // the received chunks can go
        this.headBytesFor(job, null);
      }
    })();
    this.cache.set(entry.entryId, job);
    job.full.catch(() => {
      if (this.cache.get(entry.entryId) === job) this.cache.delete(entry.entryId);
    });
    return job;
  }

  /** `headSeconds` of music from the file's size and the track's duration, within bounds; `headBytes` when unknown. */
  private headSizeOf(track: EngineTrack, total: number | null | undefined): number {
    const duration = track.durationSeconds;
    if (!total || total <= 0 || !duration || duration <= 0) return this.headBytes;
    const aimed = Math.round((total * this.headSeconds) / duration);
    return Math.min(this.headBytes, Math.max(MIN_HEAD_BYTES, aimed));
  }

  /** Hands the bytes a head waits for (null: there will be none) to it, once. */
  private headBytesFor(job: Job, bytes: ArrayBuffer | null): void {
    const wanted = job.headWanted;
    job.headWanted = null;
    wanted?.(bytes);
  }

  /** What can start `entry` at `fromSeconds` soonest: the whole file decoded, or a head reaching past that point. */
  private playable(entry: EngineEntry, fromSeconds: number): Promise<Decoded> {
    const job = this.job(entry);
    if (this.headBytes === 0 || job.fullDone) return job.full;
    if (!job.head) {
      job.head = new Promise<ArrayBuffer | null>((resolve) => {
        if (job.snapshot && job.received >= job.headSize) resolve(job.snapshot(job.headSize));
        else job.headWanted = resolve;
      }).then((bytes) => (bytes ? this.decodeHead(bytes) : null));
    }
    const head = job.head.then((decoded) =>
      decoded && fromSeconds < decoded.span.duration - HEAD_EXTEND_SECONDS ? decoded : job.full,
    );
    return Promise.race([job.full, head]);
  }

  /** A head's decode: its end margin left out, nothing trimmed at its start (see `swapTo`); null when unusable. */
  private async decodeHead(bytes: ArrayBuffer): Promise<Decoded | null> {
    const size = bytes.byteLength;
    try {
      const buffer = await this.context.decodeAudioData(bytes);
      if (buffer.length <= 2 * HEAD_MARGIN_SAMPLES) return null;
      return { buffer, span: playableSpan(buffer.length, buffer.sampleRate, 0, HEAD_MARGIN_SAMPLES), partial: true, bytes: size };
    } catch {
      return null; // a head that does not decode: the whole file will
    }
  }

  /** Once `entry`'s whole file is decoded it replaces the head playing; if it fails, the queue moves on. */
  private upgradeWhenDecoded(entry: EngineEntry, generation: number): void {
    const job = this.cache.get(entry.entryId);
    if (!job) return;
    const stillHead = (): Scheduled | null => {
      const cur = this.current;
      return generation === this.generation && cur?.entry.entryId === entry.entryId && cur.decoded.partial ? cur : null;
    };
    job.full.then(
      (full) =>
        this.safely(async () => {
          const cur = stillHead();
          if (!cur) return;
          this.swapTo(cur, full);
          await this.prepareNext();
        }),
      (error: unknown) =>
        this.safely(async () => {
          if (!stillHead()) return;
          this.failed.add(entry.entryId);
          this.emit('error', { entry, error });
          await this.next();
        }),
    );
  }

  /**
   * Replaces the head playing by `decoded` (the whole file, or a longer head) from the same sample
   * of the file on: the old source stops and the new one starts at one timeline sample.
   *
   * Heads are played from the decoder's first sample, untrimmed: the decoder treats a head's start
   * exactly as the whole file's, so sample i of a head is sample i of the whole decode, and the
   * encoder delay the engine trims (an MP3's ~25 ms) is trimmed from the whole file here.
   */
  private swapTo(cur: Scheduled, decoded: Decoded): void {
    const earliest = Math.ceil((this.context.currentTime + this.lead - this.anchorTime) * this.context.sampleRate);
    const at = Math.max(earliest, cur.startSample);
    const played = Math.min(at, cur.endSample) - cur.startSample;
    const fileSample = cur.decoded.span.offsetSamples + cur.fromSample + this.toBuffer(played, cur.decoded.buffer.sampleRate);
    const last = Math.max(0, decoded.span.lengthSamples - 1);
    const from = Math.min(last, Math.max(0, fileSample - decoded.span.offsetSamples));
    const replacement = this.schedule(cur.entry, decoded, at, from);
    try {
      cur.source.stop(this.timeOf(at));
    } catch {
      // Already stopped: the head ran out before the rest arrived (the one gap this cannot avoid).
    }
    this.retire(cur);
    this.current = replacement;
  }

  /**
   * A head close to its end while the whole file is still on its way: decode a longer one, four
   * times its size at most, from the bytes received so far (not all of them: decoding all could
   * take as long as the whole file's decode it stands in for).
   */
  private extendHead(cur: Scheduled, now: number): void {
    const job = this.cache.get(cur.entry.entryId);
    const snapshot = job?.snapshot;
    if (!job || !snapshot || job.fullDone || job.extending) return;
    if (now < this.timeOf(cur.endSample) - HEAD_EXTEND_SECONDS || job.received < 2 * cur.decoded.bytes) return;
    job.extending = true;
    const generation = this.generation;
    void this.safely(async () => {
      try {
        const longer = await this.decodeHead(snapshot(4 * cur.decoded.bytes));
        const further = longer !== null && longer.span.lengthSamples > cur.decoded.span.lengthSamples;
        if (further && generation === this.generation && this.current === cur) this.swapTo(cur, longer);
      } finally {
        job.extending = false;
      }
    });
  }

  /** Keeps decoded buffers only for the current and the next entry (they are large). */
  private pruneCache(): void {
    const keep = new Set([this.current?.entry.entryId, this.next_?.entry.entryId]);
    for (const id of [...this.cache.keys()]) if (!keep.has(id)) this.cache.delete(id);
  }

  private retire(scheduled: Scheduled): void {
    this.retiring.add(scheduled);
  }

  private release(scheduled: Scheduled): void {
    scheduled.source.onended = null;
    try {
      scheduled.source.stop();
    } catch {
      // Already stopped.
    }
    scheduled.source.disconnect();
    scheduled.gain.disconnect();
  }

  private stopAll(): void {
    this.nextToken++;
    this.nextLoading = false;
    for (const scheduled of [this.current, this.next_, ...this.retiring]) if (scheduled) this.release(scheduled);
    this.retiring.clear();
    this.current = null;
    this.next_ = null;
  }

  private finish(): void {
    const wasPlaying = this.current !== null || this.active;
    this.stopAll();
    this.active = false;
    this.stopTimer();
    this.pendingPosition = 0;
    if (wasPlaying) this.emit('ended', undefined);
  }

  private setState(state: QueueState<EngineTrack>): void {
    if (state === this.state) return;
    this.state = state;
    this.emit('queue', state);
  }

  /** Runs a command; whatever goes wrong inside reaches listeners as 'error', never the caller. */
  private async safely(command: () => Promise<void>): Promise<void> {
    try {
      await command();
    } catch (error) {
      this.reportError(error);
    }
  }

  private reportError(error: unknown): void {
    this.emit('error', { entry: queue.current(this.state), error });
  }
}
