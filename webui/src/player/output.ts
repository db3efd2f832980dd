/**
 * Where the player's sound goes. Two outputs: the Web Audio engine (gapless to the sample, crossfade, EQ; see
 * `engine/`) and a media element (`<audio>`), which browsers keep playing where they suspend an AudioContext — iOS
 * Safari with the page in the background or the screen locked — at the cost of a small gap between tracks and no
 * crossfade or EQ there. The player store speaks only this interface.
 */
export interface OutputTrack {
  /** This entry of the list (a track may be in it twice): stable while the entry stays. */
  key: string;
  id: number;
  url: string;
  durationMs: number;
  /** For crossfade's album rule (no crossfade between an album's tracks played in order). */
  albumId?: number | null;
  disc?: number | null;
  track?: number | null;
  replayGain?: { trackGainDb?: number | null; trackPeak?: number | null; albumGainDb?: number | null; albumPeak?: number | null } | null;
}

export interface OutputEvents {
  /** The output moved to this track of the list it was given (asked to, or by itself at a track's end), starting at {@code startSeconds}. */
  track: (index: number, startSeconds: number) => void;
  /** Sound started (or resumed) coming out. */
  playing: () => void;
  /** Position in the current track, in seconds (a few times a second while playing). */
  time: (seconds: number) => void;
  /** The list ended. */
  ended: () => void;
  /** A track could not be played (the output goes on with the next). */
  error: (index: number, message: string) => void;
}

/** Repeat: off, the whole list (from the first again after the last), or the track playing. */
export type RepeatMode = 'off' | 'all' | 'one';

export interface Output {
  /** Which output this is (shown to tests and diagnostics). */
  readonly name: 'web-audio' | 'media-element';
  /** Plays {@code tracks} from {@code index}, from {@code offsetSeconds} into it. */
  start(tracks: OutputTrack[], index: number, offsetSeconds?: number): Promise<void>;
  /**
   * The list changed around the track playing, which is now at {@code index} (play next, add, move, remove): it plays
   * on, and what follows it is the new list's.
   */
  update(tracks: OutputTrack[], index: number): void;
  pause(): void;
  resume(): Promise<void>;
  seek(seconds: number): void;
  setVolume(volume: number): void;
  /** What comes after a track that played out: the next, the first after the last ('all'), the same ('one'). */
  setRepeat(mode: RepeatMode): void;
  on<E extends keyof OutputEvents>(event: E, listener: OutputEvents[E]): () => void;
  close(): void;
}

type Listeners = { [E in keyof OutputEvents]: Set<OutputEvents[E]> };

/** The small listener registry both outputs share. */
export class Emitter {
  private readonly listeners: Listeners = { track: new Set(), playing: new Set(), time: new Set(), ended: new Set(), error: new Set() };

  on<E extends keyof OutputEvents>(event: E, listener: OutputEvents[E]): () => void {
    this.listeners[event].add(listener);
    return () => this.listeners[event].delete(listener);
  }

  emit<E extends keyof OutputEvents>(event: E, ...args: Parameters<OutputEvents[E]>): void {
    for (const listener of this.listeners[event]) {
      (listener as (...a: Parameters<OutputEvents[E]>) => void)(...args);
    }
  }
}

/** The media-element output: one `<audio>` element, the next track loaded when the current one ends. */
export class MediaElementOutput implements Output {
  readonly name = 'media-element' as const;
  private readonly audio: HTMLAudioElement;
  private readonly events = new Emitter();
  private tracks: OutputTrack[] = [];
  private index = 0;
  private repeat: RepeatMode = 'off';

  constructor(audio: HTMLAudioElement = new Audio()) {
    this.audio = audio;
    this.audio.preload = 'auto';
    this.audio.addEventListener('playing', () => this.events.emit('playing'));
    this.audio.addEventListener('timeupdate', () => this.events.emit('time', this.audio.currentTime));
    this.audio.addEventListener('ended', () => void this.advance());
    this.audio.addEventListener('error', () => {
      this.events.emit('error', this.index, this.audio.error?.message || 'The track could not be played');
      void this.advance();
    });
  }

  async start(tracks: OutputTrack[], index: number, offsetSeconds = 0): Promise<void> {
    this.tracks = tracks;
    await this.load(index, offsetSeconds);
  }

  private async load(index: number, offsetSeconds: number): Promise<void> {
    const track = this.tracks[index];
    if (!track) {
      this.events.emit('ended');
      return;
    }
    this.index = index;
    this.audio.src = track.url;
    this.audio.currentTime = offsetSeconds;
    this.events.emit('track', index, offsetSeconds);
    try {
      await this.audio.play();
    } catch (e) {
      if (!(e instanceof DOMException && e.name === 'AbortError')) {
        this.events.emit('error', index, e instanceof Error ? e.message : String(e));
      }
    }
  }

  update(tracks: OutputTrack[], index: number): void {
    this.tracks = tracks;
    this.index = index;
  }

  private advance(): Promise<void> {
    if (this.repeat === 'one') return this.load(this.index, 0);
    const next = this.index + 1;
    return this.load(next >= this.tracks.length && this.repeat === 'all' ? 0 : next, 0);
  }

  setRepeat(mode: RepeatMode): void {
    this.repeat = mode;
  }

  pause(): void {
    this.audio.pause();
  }

  async resume(): Promise<void> {
    await this.audio.play();
  }

  seek(seconds: number): void {
    this.audio.currentTime = seconds;
  }

  setVolume(volume: number): void {
    this.audio.volume = Math.min(1, Math.max(0, volume));
  }

  on<E extends keyof OutputEvents>(event: E, listener: OutputEvents[E]): () => void {
    return this.events.on(event, listener);
  }

  close(): void {
    this.audio.pause();
    this.audio.removeAttribute('src');
  }
}
