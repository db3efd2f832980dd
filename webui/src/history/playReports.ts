/**
 * Play reports for listening done offline (docs/api.md, "Listening history and stats"). Online, this device's Connect
 * states (player/connect.ts) make its plays and listens on the server; with the sync socket down nothing would, so the
 * player's changes become play reports, kept in a queue in localStorage with the time each happened (by the server's
 * clock, as far as this device knows its offset), and sent in order when the socket is back. The server steps each
 * report at its `at`, so what was heard offline counts as it was heard.
 *
 * Pure logic here ({@link PlayReporter}, {@link ReportQueue}); the wiring to the player and the socket is reporter.ts.
 */

export type PlayEvent = 'started' | 'progress' | 'paused' | 'resumed' | 'finished' | 'skipped';

export interface Report {
  trackId: number;
  event: PlayEvent;
  positionMs: number;
}

/** A report waiting to be sent: `at` is when it happened, an ISO-8601 instant by the server's clock. */
export interface QueuedReport extends Report {
  at: string;
}

/** What the reporter sees of the player at one moment. */
export interface PlayerMoment {
  /** The queue entry playing or cued (a track may be queued twice: entries, not tracks); null: nothing. */
  key: string | null;
  trackId: number | null;
  durationMs: number;
  playing: boolean;
  positionMs: number;
}

/** A track stopped or left this close to its end counts as finished, not skipped. */
export const END_SLACK_MS = 2_000;
/** While playing, a progress report this often (the server credits heard time between reports). */
export const PROGRESS_EVERY_MS = 30_000;
/** A position this far from where the clock says it should be is a seek (reported: a seek forward earns nothing). */
export const SEEK_SLACK_MS = 3_000;

interface Play {
  key: string;
  trackId: number;
  durationMs: number;
  playing: boolean;
  positionMs: number;
  observedAt: number;
  progressAt: number;
}

/**
 * Turns the player's changes into the reports a player makes: `started` when an entry starts playing, `paused` and
 * `resumed`, `progress` every {@link PROGRESS_EVERY_MS} and on a seek, and at the end of an entry (another entry
 * starts, or playback stops at the end) `finished` or `skipped`. It follows the player all the time, online too, so
 * it knows the play in progress when the connection goes: {@link connectionChanged} says what to report then.
 */
export class PlayReporter {
  private play: Play | null = null;

  /** The reports the change to {@code now} makes, at {@code nowMs} (a monotonic clock in ms). */
  observe(now: PlayerMoment, nowMs: number): Report[] {
    const out: Report[] = [];
    const play = this.play;
    if (play && now.key !== play.key) {
      out.push(this.end(play));
      this.play = null;
    }
    if (now.key === null || now.trackId === null) return out;
    const current = this.play;
    if (!current) {
      if (!now.playing) return out; // cued, not playing: nothing yet
      this.play = { key: now.key, trackId: now.trackId, durationMs: now.durationMs, playing: true, positionMs: now.positionMs, observedAt: nowMs, progressAt: nowMs };
      out.push({ trackId: now.trackId, event: 'started', positionMs: Math.round(now.positionMs) });
      return out;
    }
    const position = Math.round(now.positionMs);
    if (current.playing && !now.playing) {
      if (now.positionMs >= current.durationMs - END_SLACK_MS) {
        out.push({ trackId: current.trackId, event: 'finished', positionMs: current.durationMs });
        this.play = null;
        return out;
      }
      out.push({ trackId: current.trackId, event: 'paused', positionMs: position });
    } else if (!current.playing && now.playing) {
      out.push({ trackId: current.trackId, event: 'resumed', positionMs: position });
      current.progressAt = nowMs;
    } else if (now.playing && current.positionMs >= current.durationMs - END_SLACK_MS && now.positionMs < SEEK_SLACK_MS) {
      // the same entry again from its start (repeat one): the play ended, a new one starts
      out.push({ trackId: current.trackId, event: 'finished', positionMs: current.durationMs });
      out.push({ trackId: current.trackId, event: 'started', positionMs: position });
      current.progressAt = nowMs;
    } else if (now.playing) {
      const expected = current.positionMs + (nowMs - current.observedAt);
      if (Math.abs(now.positionMs - expected) > SEEK_SLACK_MS || nowMs - current.progressAt >= PROGRESS_EVERY_MS) {
        out.push({ trackId: current.trackId, event: 'progress', positionMs: position });
        current.progressAt = nowMs;
      }
    } else if (Math.abs(now.positionMs - current.positionMs) > SEEK_SLACK_MS) {
      out.push({ trackId: current.trackId, event: 'paused', positionMs: position }); // a seek while paused
    }
    current.playing = now.playing;
    current.positionMs = now.positionMs;
    current.observedAt = nowMs;
    return out;
  }

  /**
   * What to report when the connection goes ({@code online} false: the play in progress is opened on the server by a
   * progress report, so the time heard offline has a start) or comes back (true: it is paused there, so the server
   * stops crediting it while Connect counts the play again).
   */
  connectionChanged(online: boolean): Report[] {
    const play = this.play;
    if (!play || !play.playing) return [];
    return [{ trackId: play.trackId, event: online ? 'paused' : 'progress', positionMs: Math.round(play.positionMs) }];
  }

  private end(play: Play): Report {
    const finished = play.positionMs >= play.durationMs - END_SLACK_MS;
    return { trackId: play.trackId, event: finished ? 'finished' : 'skipped', positionMs: finished ? play.durationMs : Math.round(play.positionMs) };
  }
}

/** Where the queue is kept (localStorage in the app, a map in tests). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** What sending a report answered. */
export type SendResult = 'sent' | 'refused' | 'failed';

/** At most this many reports wait (the oldest go first): about two weeks of constant offline listening. */
export const MAX_QUEUED = 5_000;

/**
 * The reports waiting to be sent, kept in a store under one key per user so a reload or a restart offline loses
 * none. {@link flush} sends them in order and stops at the first that fails (the network, the server): the rest wait
 * for the next flush; one the server refuses (400, 404: a track removed meanwhile) is dropped.
 */
export class ReportQueue {
  private flushing: Promise<number> | null = null;

  constructor(
    private readonly store: KeyValueStore,
    private readonly key: string,
  ) {}

  items(): QueuedReport[] {
    try {
      const parsed: unknown = JSON.parse(this.store.getItem(this.key) ?? '[]');
      return Array.isArray(parsed) ? (parsed as QueuedReport[]) : [];
    } catch {
      return [];
    }
  }

  add(reports: readonly QueuedReport[]): void {
    if (reports.length === 0) return;
    const all = [...this.items(), ...reports];
    this.save(all.slice(Math.max(0, all.length - MAX_QUEUED)));
  }

  /** Sends what waits, in order; resolves with how many left the queue. One flush at a time. */
  flush(send: (report: QueuedReport) => Promise<SendResult>): Promise<number> {
    if (!this.flushing) {
      this.flushing = this.run(send).finally(() => {
        this.flushing = null;
      });
    }
    return this.flushing;
  }

  private async run(send: (report: QueuedReport) => Promise<SendResult>): Promise<number> {
    let done = 0;
    for (;;) {
      const [first] = this.items();
      if (!first) return done;
      const result = await send(first);
      if (result === 'failed') return done;
      // taken off only now: a report added while this one was on its way stays behind it
      const [head, ...rest] = this.items();
      if (head && head.at === first.at && head.event === first.event && head.trackId === first.trackId) this.save(rest);
      done++;
    }
  }

  private save(items: QueuedReport[]): void {
    if (items.length === 0) this.store.removeItem(this.key);
    else this.store.setItem(this.key, JSON.stringify(items));
  }
}
