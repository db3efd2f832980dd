import { create } from 'zustand';
import type { Track } from '../api/types';
import type { Output, OutputTrack, RepeatMode } from './output';
import { shuffleAround, unshuffle } from './shuffle';

/**
 * What plays: the queue, the current track and position, playing or paused. The store owns the queue and tells the
 * output what to play; the output tells it where it is. Components read it through {@link usePlayer}.
 */
export interface PlayerState {
  queue: Track[];
  /** Each queue entry's key (a track may be queued twice), stable while the entry stays. */
  keys: string[];
  index: number;
  playing: boolean;
  position: number;
  volume: number;
  error?: string;
  /** From asking for a track to its first sound, in ms, for the last track started by the user (not by gapless). */
  startLatencyMs?: number;
  /** How many of those were measured (each one a new value, even when equal to the last). */
  starts: number;
  /** The output playing: the Web Audio engine, or the media element. */
  output: Output['name'];
  /** How many seeks were made (a seek changes only the position, which also moves by itself: this tells them apart). */
  seeks: number;
  shuffle: boolean;
  repeat: RepeatMode;
  /** The entries' keys in their order before shuffle was turned on (to go back to). */
  unshuffled: string[] | null;
  /** Shuffle on: the rest of the queue after the entry playing, in a random order; off: back to the order before. */
  toggleShuffle: () => void;
  /** Repeat off → all → one → off. */
  cycleRepeat: () => void;
  /**
   * Plays {@code tracks} from {@code index} (at {@code offsetSeconds}). A play the user asked for (no offset) goes to
   * {@link playElsewhere} first: when it takes it, nothing changes here.
   */
  playTracks: (tracks: Track[], index: number, offsetSeconds?: number) => Promise<void>;
  /** Sends a play the user asked for to where playback is (another device of theirs); true when it did. Connect sets it. */
  playElsewhere: ((tracks: Track[], index: number) => boolean) | null;
  /** Stops the sound here without forgetting the queue (another device took over). */
  pause: () => void;
  /** Queues {@code tracks} right after the one playing. */
  playNext: (tracks: Track[]) => void;
  /** Queues {@code tracks} at the end. */
  addToQueue: (tracks: Track[]) => void;
  /** Moves the entry at {@code from} to {@code to}. */
  moveInQueue: (from: number, to: number) => void;
  /** Removes the entry at {@code at} (not the one playing). */
  removeFromQueue: (at: number) => void;
  toggle: () => Promise<void>;
  next: () => Promise<void>;
  previous: () => Promise<void>;
  seek: (seconds: number) => void;
  setVolume: (volume: number) => void;
}

/** The stream URL of a track for this browser (the server picks direct play or a transcode it can decode). */
export function streamUrl(trackId: number): string {
  return `/stream/${trackId}?client=web`;
}

let keyCounter = 0;
function newKeys(n: number): string[] {
  return Array.from({ length: n }, () => `q${++keyCounter}`);
}

function toOutput(tracks: Track[], keys: string[]): OutputTrack[] {
  return tracks.map((t, i) => ({
    key: keys[i] ?? `q${i}`,
    id: t.id,
    url: streamUrl(t.id),
    durationMs: t.durationMs,
    albumId: t.albumId,
    disc: t.disc,
    track: t.track,
    replayGain: t.replayGain
      ? { trackGainDb: t.replayGain.trackGain, trackPeak: t.replayGain.trackPeak, albumGainDb: t.replayGain.albumGain, albumPeak: t.replayGain.albumPeak }
      : null,
  }));
}

export function createPlayerStore(output: Output) {
  return create<PlayerState>((set, get) => {
    let requestedAt: number | null = null;
    output.on('track', (index, startSeconds) => set({ index, position: startSeconds, error: undefined }));
    output.on('playing', () => {
      if (requestedAt !== null) {
        set({ startLatencyMs: Math.round(performance.now() - requestedAt), starts: get().starts + 1 });
        requestedAt = null;
      }
    });
    output.on('time', (position) => set({ position }));
    output.on('ended', () => set({ playing: false }));
    output.setRepeat('off');
    output.on('error', (_index, message) => set({ error: message }));
    /** A queue edit around the entry playing: the store and the output follow it; nothing playing, it starts nothing. */
    const edit = (change: (queue: Track[], keys: string[], index: number) => { queue: Track[]; keys: string[]; index: number } | null) => {
      const { queue, keys, index } = get();
      const next = change(queue, keys, index);
      if (!next) return;
      set(next);
      if (started) output.update(toOutput(next.queue, next.keys), next.index);
    };
    let started = false;
    const startAt = async (index: number, offsetSeconds = 0) => {
      const { queue } = get();
      if (index < 0 || index >= queue.length) return;
      started = true;
      set({ index, playing: true, position: offsetSeconds });
      requestedAt = performance.now();
      await output.start(toOutput(queue, get().keys), index, offsetSeconds);
    };
    return {
      queue: [],
      keys: [],
      index: 0,
      playing: false,
      position: 0,
      volume: 1,
      starts: 0,
      output: output.name,
      seeks: 0,
      shuffle: false,
      repeat: 'off',
      unshuffled: null,
      playElsewhere: null,
      playTracks: async (tracks, index, offsetSeconds) => {
        if (offsetSeconds === undefined && get().playElsewhere?.(tracks, index)) return;
        const keys = newKeys(tracks.length);
        if (get().shuffle) {
          // a new list under shuffle: the track asked for first, the rest shuffled after it
          const shuffled = shuffleAround({ queue: tracks, keys, index });
          set({ queue: shuffled.queue, keys: shuffled.keys, unshuffled: keys });
          await startAt(shuffled.index, offsetSeconds);
          return;
        }
        set({ queue: tracks, keys });
        await startAt(index, offsetSeconds);
      },
      toggleShuffle: () => {
        const { shuffle, unshuffled, keys } = get();
        if (shuffle) {
          set({ shuffle: false, unshuffled: null });
          if (unshuffled) edit((queue, k, index) => unshuffle({ queue, keys: k, index }, unshuffled));
        } else {
          set({ shuffle: true, unshuffled: keys });
          edit((queue, k, index) => shuffleAround({ queue, keys: k, index }));
        }
      },
      cycleRepeat: () => {
        const repeat: RepeatMode = { off: 'all', all: 'one', one: 'off' }[get().repeat] as RepeatMode;
        set({ repeat });
        output.setRepeat(repeat);
      },
      playNext: (tracks) => edit((q, k, i) => ({ queue: [...q.slice(0, i + 1), ...tracks, ...q.slice(i + 1)], keys: [...k.slice(0, i + 1), ...newKeys(tracks.length), ...k.slice(i + 1)], index: i })),
      addToQueue: (tracks) => edit((q, k, i) => ({ queue: [...q, ...tracks], keys: [...k, ...newKeys(tracks.length)], index: i })),
      moveInQueue: (from, to) => edit((q, k, i) => {
        if (from === to || from < 0 || to < 0 || from >= q.length || to >= q.length) return null;
        const queue = [...q];
        const keys = [...k];
        const [track] = queue.splice(from, 1);
        const [key] = keys.splice(from, 1);
        queue.splice(to, 0, track as Track);
        keys.splice(to, 0, key as string);
        const playing = k[i];
        return { queue, keys, index: playing === undefined ? i : keys.indexOf(playing) };
      }),
      removeFromQueue: (at) => edit((q, k, i) => {
        if (at === i || at < 0 || at >= q.length) return null;
        return { queue: q.filter((_, j) => j !== at), keys: k.filter((_, j) => j !== at), index: at < i ? i - 1 : i };
      }),
      pause: () => {
        if (get().playing) {
          output.pause();
          set({ playing: false });
        }
      },
      toggle: async () => {
        const { playing, queue, index } = get();
        if (queue.length === 0) return;
        if (!started) {
          await startAt(index); // queued, never started (added to an empty queue)
          return;
        }
        if (playing) {
          output.pause();
          set({ playing: false });
        } else {
          set({ playing: true });
          await output.resume();
        }
      },
      next: () => {
        const { index, queue, repeat } = get();
        return startAt(index + 1 >= queue.length && repeat !== 'off' ? 0 : index + 1);
      },
      previous: async () => {
        const { position, index } = get();
        if (position > 3 || index === 0) {
          output.seek(0);
          set({ position: 0 });
        } else {
          await startAt(index - 1);
        }
      },
      seek: (seconds) => {
        output.seek(seconds);
        set({ position: seconds, seeks: get().seeks + 1 });
      },
      setVolume: (volume) => {
        output.setVolume(volume);
        set({ volume });
      },
    };
  });
}
