/**
 * Crossfade curves and rules. A curve gives the gain of the outgoing track (`out`) and of the
 * incoming one (`in`) as functions of t in [0, 1], the fraction of the overlap already played.
 * Every curve starts with out = 1, in = 0 and ends with out = 0, in = 1; out never rises and in
 * never falls. Names follow Feishin's crossfade styles.
 *
 * - linear:                out = 1 − t,             in = t  (amplitudes sum to 1: a dip in power)
 * - equalPower:            out = cos(t·π/2),        in = sin(t·π/2)  (out² + in² = 1)
 * - constantPowerSlowFade, constantPowerSlowCut: the constant-power family with a shape n
 *   (https://math.stackexchange.com/a/26159, as in Feishin): with u = (1 − 2t)^(2n+1),
 *   out = cos(π/4 · (u − 1)), in = cos(π/4 · (u + 1)); out² + in² = 1 for every n. n = 0 is
 *   equalPower; n = 1 (slow fade) and n = 3 (slow cut) move fast near the ends and hold both
 *   tracks near −3 dB through a longer middle.
 * - dipped:                out = (1 − t)²,          in = t²  (both quiet in the middle: −6 dB each)
 */

export type CrossfadeCurve =
  | 'linear'
  | 'equalPower'
  | 'constantPowerSlowCut'
  | 'constantPowerSlowFade'
  | 'dipped';

export const CROSSFADE_CURVES: readonly CrossfadeCurve[] = [
  'linear',
  'equalPower',
  'constantPowerSlowCut',
  'constantPowerSlowFade',
  'dipped',
];

export const MAX_CROSSFADE_SECONDS = 12;

function constantPower(n: number, t: number, direction: 'in' | 'out'): number {
  const u = (1 - 2 * t) ** (2 * n + 1);
  return Math.cos((Math.PI / 4) * (direction === 'out' ? u - 1 : u + 1));
}

/** Gain of the outgoing (`out`) or incoming (`in`) track at t ∈ [0, 1] of the overlap. */
export function gainAt(kind: CrossfadeCurve, direction: 'in' | 'out', t: number): number {
  const x = Math.min(1, Math.max(0, t));
  let gain: number;
  switch (kind) {
    case 'linear':
      gain = direction === 'out' ? 1 - x : x;
      break;
    case 'equalPower':
      gain = direction === 'out' ? Math.cos((x * Math.PI) / 2) : Math.sin((x * Math.PI) / 2);
      break;
    case 'constantPowerSlowFade':
      gain = constantPower(1, x, direction);
      break;
    case 'constantPowerSlowCut':
      gain = constantPower(3, x, direction);
      break;
    case 'dipped':
      gain = direction === 'out' ? (1 - x) ** 2 : x ** 2;
      break;
  }
  // cos(π/2) is 6e-17, not 0: snap the endpoints so the curve ends exactly where it must.
  if (x === 0) return direction === 'out' ? 1 : 0;
  if (x === 1) return direction === 'out' ? 0 : 1;
  return Math.min(1, Math.max(0, gain));
}

/**
 * `points` samples of the curve from t = 0 to t = 1 inclusive, scaled by `scale` (the track's
 * ReplayGain), for `AudioParam.setValueCurveAtTime`.
 */
export function curve(
  kind: CrossfadeCurve,
  direction: 'in' | 'out',
  points: number,
  scale = 1,
): Float32Array {
  const count = Math.max(2, Math.floor(points));
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = gainAt(kind, direction, i / (count - 1)) * scale;
  return values;
}

/** Crossfade seconds limited to [0, MAX_CROSSFADE_SECONDS]; NaN is 0. */
export function clampCrossfade(seconds: number): number {
  if (!Number.isFinite(seconds) || seconds <= 0) return 0;
  return Math.min(MAX_CROSSFADE_SECONDS, seconds);
}

/** When the next track starts and the fades begin: `crossfade` seconds before the current ends. */
export function overlapStartTime(currentEndTime: number, crossfadeSeconds: number): number {
  return currentEndTime - clampCrossfade(crossfadeSeconds);
}

/**
 * The overlap in whole samples: the crossfade, but never more than half of either track (a short
 * track must still be heard on its own for a moment) and 0 when crossfade is off.
 */
export function overlapSamples(
  crossfadeSeconds: number,
  sampleRate: number,
  currentLengthSamples: number,
  nextLengthSamples: number,
): number {
  const wanted = Math.round(clampCrossfade(crossfadeSeconds) * sampleRate);
  const limit = Math.floor(Math.min(currentLengthSamples, nextLengthSamples) / 2);
  return Math.max(0, Math.min(wanted, limit));
}

/** What the album-order rule needs to know of a track. */
export interface AlbumPosition {
  readonly albumId?: string | null;
  readonly disc?: number | null;
  readonly track?: number | null;
}

/**
 * True when `next` directly follows `current` on the same album: same album id, and either the
 * next track number on the same disc or track 1 of the next disc (a missing disc counts as 1).
 * Such transitions are written to be heard gapless (live albums, DJ mixes, segues), so the
 * crossfade is skipped. Without album id or track numbers the order cannot be known: false.
 */
export function isAlbumContinuation(current: AlbumPosition, next: AlbumPosition): boolean {
  if (!current.albumId || current.albumId !== next.albumId) return false;
  if (current.track == null || next.track == null) return false;
  const currentDisc = current.disc ?? 1;
  const nextDisc = next.disc ?? 1;
  if (nextDisc === currentDisc) return next.track === current.track + 1;
  return nextDisc === currentDisc + 1 && next.track === 1;
}
