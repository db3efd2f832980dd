/**
 * ReplayGain: the linear gain a track is played at.
 *
 * - mode 'off': 1 (no preamp, no fallback).
 * - mode 'track': the track gain; 'album': the album gain, falling back to the track gain when
 *   the album gain is absent. A tagged gain gets the preamp added.
 * - untagged files (no usable gain for the mode) get `fallbackDb` and no preamp: the fallback
 *   is the level chosen for files without ReplayGain (foobar2000's "preamp without RG info").
 * - clipping prevention: when the peak of the samples being played is known (the track peak;
 *   the album peak when only that one is tagged), the gain is lowered so gain × peak ≤ 1. It is
 *   never raised.
 */

export type ReplayGainMode = 'off' | 'track' | 'album';

export interface ReplayGainTags {
  readonly trackGainDb?: number | null;
  /** Linear sample peak, 1.0 = full scale. */
  readonly trackPeak?: number | null;
  readonly albumGainDb?: number | null;
  readonly albumPeak?: number | null;
}

export interface ReplayGainSettings {
  readonly mode: ReplayGainMode;
  readonly preampDb: number;
  readonly fallbackDb: number;
  readonly preventClipping: boolean;
}

export const DEFAULT_REPLAY_GAIN: ReplayGainSettings = {
  mode: 'track',
  preampDb: 0,
  fallbackDb: 0,
  preventClipping: true,
};

export function dbToLinear(db: number): number {
  return 10 ** (db / 20);
}

export function linearToDb(gain: number): number {
  return 20 * Math.log10(gain);
}

function usable(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** The linear gain for a track with `tags` under `settings`. */
export function replayGainLinear(
  tags: ReplayGainTags | null | undefined,
  settings: ReplayGainSettings,
): number {
  if (settings.mode === 'off') return 1;
  const t = tags ?? {};
  let db: number;
  if (settings.mode === 'album' && usable(t.albumGainDb)) db = t.albumGainDb + settings.preampDb;
  else if (usable(t.trackGainDb)) db = t.trackGainDb + settings.preampDb;
  else db = settings.fallbackDb;

  let gain = dbToLinear(db);
  const peak = usable(t.trackPeak) ? t.trackPeak : usable(t.albumPeak) ? t.albumPeak : null;
  if (settings.preventClipping && peak !== null && peak > 0 && gain * peak > 1) gain = 1 / peak;
  return gain;
}
