import { create } from 'zustand';
import type { Track } from '../api/types';
import type { Output, OutputTrack } from './output';

/**
 * What plays: the queue, the current track and position, playing or paused. The store owns the queue and tells the
 * output what to play; the output tells it where it is. Components read it through {@link usePlayer}.
 */
export interface PlayerState {
  queue: Track[];
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
  playTracks: (tracks: Track[], index: number, offsetSeconds?: number) => Promise<void>;
  /** Stops the sound here without forgetting the queue (another device took over). */
  pause: () => void;
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

function toOutput(tracks: Track[]): OutputTrack[] {
  return tracks.map((t) => ({
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
    output.on('error', (_index, message) => set({ error: message }));
    const startAt = async (index: number, offsetSeconds = 0) => {
      const { queue } = get();
      if (index < 0 || index >= queue.length) return;
      set({ index, playing: true, position: offsetSeconds });
      requestedAt = performance.now();
      await output.start(toOutput(queue), index, offsetSeconds);
    };
    return {
      queue: [],
      index: 0,
      playing: false,
      position: 0,
      volume: 1,
      starts: 0,
      output: output.name,
      playTracks: async (tracks, index, offsetSeconds) => {
        set({ queue: tracks });
        await startAt(index, offsetSeconds);
      },
      pause: () => {
        if (get().playing) {
          output.pause();
          set({ playing: false });
        }
      },
      toggle: async () => {
        const { playing, queue } = get();
        if (queue.length === 0) return;
        if (playing) {
          output.pause();
          set({ playing: false });
        } else {
          set({ playing: true });
          await output.resume();
        }
      },
      next: () => startAt(get().index + 1),
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
        set({ position: seconds });
      },
      setVolume: (volume) => {
        output.setVolume(volume);
        set({ volume });
      },
    };
  });
}
