import { describe, expect, it } from 'vitest';
import {
  CROSSFADE_CURVES,
  clampCrossfade,
  curve,
  gainAt,
  isAlbumContinuation,
  overlapSamples,
  overlapStartTime,
} from './crossfade';

describe('crossfade curves', () => {
  it.each(CROSSFADE_CURVES)('%s: out starts at 1 and ends at 0, in does the reverse', (kind) => {
    expect(gainAt(kind, 'out', 0)).toBe(1);
    expect(gainAt(kind, 'out', 1)).toBe(0);
    expect(gainAt(kind, 'in', 0)).toBe(0);
    expect(gainAt(kind, 'in', 1)).toBe(1);
  });

  it.each(CROSSFADE_CURVES)('%s: out never rises and in never falls', (kind) => {
    const out = curve(kind, 'out', 501);
    const inc = curve(kind, 'in', 501);
    for (let i = 1; i < out.length; i++) {
      expect(out[i]).toBeLessThanOrEqual(out[i - 1] ?? Infinity);
      expect(inc[i]).toBeGreaterThanOrEqual(inc[i - 1] ?? -Infinity);
    }
  });

  it.each(['equalPower', 'constantPowerSlowFade', 'constantPowerSlowCut'] as const)(
    '%s keeps out² + in² = 1 all along',
    (kind) => {
      for (let i = 0; i <= 100; i++) {
        const t = i / 100;
        expect(gainAt(kind, 'out', t) ** 2 + gainAt(kind, 'in', t) ** 2).toBeCloseTo(1, 12);
      }
    },
  );

  it('linearKeepsTheAmplitudesSummingToOne', () => {
    expect(gainAt('linear', 'out', 0.3) + gainAt('linear', 'in', 0.3)).toBeCloseTo(1, 12);
  });

  it('equalPowerIsAQuarterCosineAndSine', () => {
    expect(gainAt('equalPower', 'out', 0.5)).toBeCloseTo(Math.SQRT1_2, 12);
    expect(gainAt('equalPower', 'in', 1 / 3)).toBeCloseTo(Math.sin(Math.PI / 6), 12);
  });

  it('dippedIsQuadraticAndQuarterGainInTheMiddle', () => {
    expect(gainAt('dipped', 'out', 0.5)).toBe(0.25);
    expect(gainAt('dipped', 'in', 0.5)).toBe(0.25);
    expect(gainAt('dipped', 'in', 0.1)).toBeCloseTo(0.01, 12);
  });

  it('slowCutHoldsNearMinus3DbLongerThanSlowFadeWhichHoldsLongerThanEqualPower', () => {
    const t = 0.3;
    const distance = (kind: 'equalPower' | 'constantPowerSlowFade' | 'constantPowerSlowCut') =>
      Math.abs(gainAt(kind, 'out', t) - Math.SQRT1_2);
    expect(distance('constantPowerSlowCut')).toBeLessThan(distance('constantPowerSlowFade'));
    expect(distance('constantPowerSlowFade')).toBeLessThan(distance('equalPower'));
  });

  it('clampsTToTheUnitInterval', () => {
    expect(gainAt('linear', 'out', -1)).toBe(1);
    expect(gainAt('linear', 'in', 2)).toBe(1);
  });
});

describe('curve', () => {
  it('samplesFromTZeroToTOneInclusiveAsAFloat32Array', () => {
    const values = curve('linear', 'in', 5);

    expect(values).toBeInstanceOf(Float32Array);
    expect(Array.from(values)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('scalesByTheTrackGain', () => {
    expect(Array.from(curve('linear', 'out', 3, 0.5))).toEqual([0.5, 0.25, 0]);
  });

  it('hasAtLeastTwoPoints', () => {
    expect(Array.from(curve('equalPower', 'out', 1))).toEqual([1, 0]);
  });
});

describe('overlap', () => {
  it('clampsCrossfadeBetween0And12Seconds', () => {
    expect(clampCrossfade(-3)).toBe(0);
    expect(clampCrossfade(Number.NaN)).toBe(0);
    expect(clampCrossfade(5)).toBe(5);
    expect(clampCrossfade(30)).toBe(12);
  });

  it('startsTheOverlapCrossfadeSecondsBeforeTheEnd', () => {
    expect(overlapStartTime(200, 6)).toBe(194);
    expect(overlapStartTime(200, 20)).toBe(188);
  });

  it('zeroSecondsMeansNoOverlap', () => {
    expect(overlapStartTime(200, 0)).toBe(200);
    expect(overlapSamples(0, 44100, 441000, 441000)).toBe(0);
  });

  it('countsTheOverlapInWholeSamples', () => {
    expect(overlapSamples(2.5, 44100, 4410000, 4410000)).toBe(110250);
    expect(overlapSamples(1 / 3, 44100, 4410000, 4410000)).toBe(14700);
  });

  it('neverOverlapsMoreThanHalfOfEitherTrack', () => {
    expect(overlapSamples(12, 48000, 48000 * 4, 48000 * 300)).toBe(48000 * 2);
    expect(overlapSamples(12, 48000, 48000 * 300, 48000 * 3)).toBe(72000);
  });
});

describe('isAlbumContinuation', () => {
  const track = (albumId: string | null, disc: number | null, n: number | null) => ({
    albumId,
    disc,
    track: n,
  });

  it('isTrueForTheNextTrackOfTheSameDisc', () => {
    expect(isAlbumContinuation(track('a', 1, 4), track('a', 1, 5))).toBe(true);
  });

  it('isTrueFromTheLastTrackOfADiscToTrackOneOfTheNextDisc', () => {
    expect(isAlbumContinuation(track('a', 1, 12), track('a', 2, 1))).toBe(true);
  });

  it('treatsAMissingDiscAsDiscOne', () => {
    expect(isAlbumContinuation(track('a', null, 1), track('a', 1, 2))).toBe(true);
  });

  it('isFalseForAnotherAlbumAJumpOrTheReverseOrder', () => {
    expect(isAlbumContinuation(track('a', 1, 4), track('b', 1, 5))).toBe(false);
    expect(isAlbumContinuation(track('a', 1, 4), track('a', 1, 6))).toBe(false);
    expect(isAlbumContinuation(track('a', 1, 5), track('a', 1, 4))).toBe(false);
    expect(isAlbumContinuation(track('a', 1, 4), track('a', 1, 4))).toBe(false);
    expect(isAlbumContinuation(track('a', 1, 12), track('a', 2, 2))).toBe(false);
  });

  it('isFalseWithoutAlbumIdOrTrackNumbers', () => {
    expect(isAlbumContinuation(track(null, 1, 1), track(null, 1, 2))).toBe(false);
    expect(isAlbumContinuation(track('a', 1, null), track('a', 1, 2))).toBe(false);
    expect(isAlbumContinuation({}, {})).toBe(false);
  });
});
