import { describe, expect, it } from 'vitest';
import { dbToLinear, linearToDb, replayGainLinear } from './replaygain';
import type { ReplayGainSettings } from './replaygain';

const settings = (overrides: Partial<ReplayGainSettings> = {}): ReplayGainSettings => ({
  mode: 'track',
  preampDb: 0,
  fallbackDb: 0,
  preventClipping: true,
  ...overrides,
});

describe('dbToLinear', () => {
  it('convertsDecibelsToAmplitude', () => {
    expect(dbToLinear(0)).toBe(1);
    expect(dbToLinear(-20)).toBeCloseTo(0.1, 12);
    expect(dbToLinear(6)).toBeCloseTo(1.99526, 5);
    expect(linearToDb(0.5)).toBeCloseTo(-6.0206, 4);
  });
});

describe('replayGainLinear', () => {
  const tags = { trackGainDb: -8, trackPeak: 0.9, albumGainDb: -6, albumPeak: 0.95 };

  it('isUnityWhenOffWhateverTheTagsAndPreamp', () => {
    expect(replayGainLinear(tags, settings({ mode: 'off', preampDb: 6, fallbackDb: -3 }))).toBe(1);
  });

  it('usesTheTrackGainInTrackMode', () => {
    expect(replayGainLinear(tags, settings())).toBeCloseTo(0.398107, 6); // −8 dB
  });

  it('usesTheAlbumGainInAlbumMode', () => {
    expect(replayGainLinear(tags, settings({ mode: 'album' }))).toBeCloseTo(0.501187, 6); // −6 dB
  });

  it('fallsBackToTheTrackGainInAlbumModeWhenTheAlbumGainIsAbsent', () => {
    expect(replayGainLinear({ trackGainDb: -8 }, settings({ mode: 'album' }))).toBeCloseTo(0.398107, 6);
    expect(replayGainLinear({ trackGainDb: -8, albumGainDb: null }, settings({ mode: 'album' }))).toBeCloseTo(
      0.398107,
      6,
    );
  });

  it('addsThePreampToATaggedGain', () => {
    expect(replayGainLinear({ trackGainDb: -8 }, settings({ preampDb: 2 }))).toBeCloseTo(0.501187, 6);
  });

  it('playsUntaggedFilesAtTheFallbackWithoutPreamp', () => {
    expect(replayGainLinear({}, settings({ fallbackDb: -6, preampDb: 4 }))).toBeCloseTo(0.501187, 6);
    expect(replayGainLinear(null, settings({ fallbackDb: 0 }))).toBe(1);
    expect(replayGainLinear({ trackGainDb: Number.NaN }, settings({ fallbackDb: -20 }))).toBeCloseTo(0.1, 12);
  });

  it('limitsTheGainSoThatGainTimesPeakStaysAtOrBelowOne', () => {
    // +6 dB would be ×1.995; a peak of 0.8 allows ×1.25 at most.
    expect(replayGainLinear({ trackGainDb: 6, trackPeak: 0.8 }, settings())).toBe(1.25);
  });

  it('usesTheAlbumPeakForClippingWhenOnlyThatOneIsKnown', () => {
    expect(replayGainLinear({ albumGainDb: 6, albumPeak: 0.8 }, settings({ mode: 'album' }))).toBe(1.25);
  });

  it('neverRaisesTheGainToReachThePeak', () => {
    expect(replayGainLinear({ trackGainDb: -8, trackPeak: 0.5 }, settings())).toBeCloseTo(0.398107, 6);
  });

  it('letsTheGainClipWhenPreventionIsOffOrThePeakUnknown', () => {
    expect(replayGainLinear({ trackGainDb: 6, trackPeak: 0.8 }, settings({ preventClipping: false }))).toBeCloseTo(
      1.995262,
      6,
    );
    expect(replayGainLinear({ trackGainDb: 6 }, settings())).toBeCloseTo(1.995262, 6);
    expect(replayGainLinear({ trackGainDb: 6, trackPeak: 0 }, settings())).toBeCloseTo(1.995262, 6);
  });
});
