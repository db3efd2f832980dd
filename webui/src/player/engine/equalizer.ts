import type { AudioNodeLike, BiquadFilterNodeLike, FilterFactory } from './audioTypes';

/**
 * A 10-band graphic equalizer on the ISO octave centres: a low shelf at 31.25 Hz, a high shelf
 * at 16 kHz and peaking filters between, Q = √2 ≈ 1.41 (about one octave wide; the Web Audio
 * shelving filters ignore Q). Gains and preamp are limited to ±12 dB. The preamp is not a filter:
 * the engine applies it in its output gain together with the volume.
 */

export const EQ_FREQUENCIES = [31.25, 62.5, 125, 250, 500, 1000, 2000, 4000, 8000, 16000] as const;
export const EQ_BAND_COUNT = EQ_FREQUENCIES.length;
export const EQ_Q = Math.SQRT2;
export const EQ_MAX_DB = 12;

export interface EqSettings {
  /** One gain per band of EQ_FREQUENCIES, in dB. */
  readonly gainsDb: readonly number[];
  readonly preampDb: number;
}

export interface EqBand {
  readonly type: BiquadFilterType;
  readonly frequency: number;
  readonly Q: number;
  readonly gainDb: number;
}

export type EqPresetName =
  | 'flat'
  | 'bassBoost'
  | 'trebleBoost'
  | 'vocal'
  | 'rock'
  | 'electronic'
  | 'classical';

/** Presets: band gains in dB, and a negative preamp that keeps the loudest boost from clipping. */
export const EQ_PRESETS: Readonly<Record<EqPresetName, EqSettings>> = {
  flat: { gainsDb: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], preampDb: 0 },
  bassBoost: { gainsDb: [6, 5, 4, 2, 0, 0, 0, 0, 0, 0], preampDb: -6 },
  trebleBoost: { gainsDb: [0, 0, 0, 0, 0, 0, 2, 4, 5, 6], preampDb: -6 },
  vocal: { gainsDb: [-2, -3, -2, 0, 3, 4, 4, 2, 0, -2], preampDb: -4 },
  rock: { gainsDb: [5, 4, 3, 1, -1, -1, 1, 3, 4, 5], preampDb: -5 },
  electronic: { gainsDb: [5, 4, 1, 0, -2, 2, 1, 2, 4, 5], preampDb: -5 },
  classical: { gainsDb: [4, 3, 2, 1, -1, -1, 0, 2, 3, 4], preampDb: -4 },
};

/** Limits a gain to ±12 dB; NaN is 0. */
export function clampDb(db: number): number {
  if (!Number.isFinite(db)) return 0;
  return Math.min(EQ_MAX_DB, Math.max(-EQ_MAX_DB, db));
}

/** Settings with every gain clamped and exactly one gain per band (missing ones are 0). */
export function normalizeEq(settings: EqSettings): EqSettings {
  return {
    gainsDb: EQ_FREQUENCIES.map((_, i) => clampDb(settings.gainsDb[i] ?? 0)),
    preampDb: clampDb(settings.preampDb),
  };
}

/** What each filter of the chain is set to for `gainsDb`. */
export function eqBands(gainsDb: readonly number[]): EqBand[] {
  return EQ_FREQUENCIES.map((frequency, i) => ({
    type: i === 0 ? 'lowshelf' : i === EQ_BAND_COUNT - 1 ? 'highshelf' : 'peaking',
    frequency,
    Q: EQ_Q,
    gainDb: clampDb(gainsDb[i] ?? 0),
  }));
}

export interface EqChain {
  readonly input: AudioNodeLike;
  readonly output: AudioNodeLike;
  readonly filters: readonly BiquadFilterNodeLike[];
}

/** Builds the ten filters in series (first band is the input, last the output). */
export function createEqChain(context: FilterFactory, gainsDb: readonly number[] = []): EqChain {
  const filters = eqBands(gainsDb).map((band) => {
    const filter = context.createBiquadFilter();
    filter.type = band.type;
    filter.frequency.value = band.frequency;
    filter.Q.value = band.Q;
    filter.gain.value = band.gainDb;
    return filter;
  });
  for (let i = 1; i < filters.length; i++) filters[i - 1]?.connect(filters[i] as BiquadFilterNodeLike);
  const first = filters[0];
  const last = filters[filters.length - 1];
  if (!first || !last) throw new Error('equalizer has no bands');
  return { input: first, output: last, filters };
}

/** Sets the filter gains of a chain (the preamp is the caller's: see AudioEngine.setEq). */
export function applyEqGains(chain: EqChain, gainsDb: readonly number[]): void {
  eqBands(gainsDb).forEach((band, i) => {
    const filter = chain.filters[i];
    if (filter) filter.gain.value = band.gainDb;
  });
}

/** Applies a preset's band gains to a chain and returns the preset (its preamp included). */
export function applyPreset(chain: EqChain, name: EqPresetName): EqSettings {
  const preset = EQ_PRESETS[name];
  applyEqGains(chain, preset.gainsDb);
  return preset;
}
