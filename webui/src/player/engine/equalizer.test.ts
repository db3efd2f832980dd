import { describe, expect, it } from 'vitest';
import {
  EQ_FREQUENCIES,
  EQ_PRESETS,
  applyEqGains,
  applyPreset,
  clampDb,
  createEqChain,
  eqBands,
  normalizeEq,
} from './equalizer';
import { FakeAudioContext } from './fakeAudio';

describe('eqBands', () => {
  it('hasTheTenIsoBandsWithShelvesAtBothEnds', () => {
    const bands = eqBands([]);

    expect(bands.map((b) => b.frequency)).toEqual([31.25, 62.5, 125, 250, 500, 1000, 2000, 4000, 8000, 16000]);
    expect(bands.map((b) => b.type)).toEqual([
      'lowshelf',
      'peaking',
      'peaking',
      'peaking',
      'peaking',
      'peaking',
      'peaking',
      'peaking',
      'peaking',
      'highshelf',
    ]);
    expect(bands.every((b) => Math.abs(b.Q - 1.41) < 0.01)).toBe(true);
  });

  it('clampsGainsToPlusMinus12DbAndFillsMissingBandsWithZero', () => {
    expect(eqBands([20, -30, 3]).map((b) => b.gainDb)).toEqual([12, -12, 3, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('clampDb', () => {
  it('limitsToPlusMinus12AndTreatsNanAsZero', () => {
    expect(clampDb(12.5)).toBe(12);
    expect(clampDb(-99)).toBe(-12);
    expect(clampDb(-3.5)).toBe(-3.5);
    expect(clampDb(Number.NaN)).toBe(0);
  });
});

describe('normalizeEq', () => {
  it('givesExactlyOneClampedGainPerBandAndAClampedPreamp', () => {
    expect(normalizeEq({ gainsDb: [1, 2, 40, 4, 5, 6, 7, 8, 9, 10, 11], preampDb: -20 })).toEqual({
      gainsDb: [1, 2, 12, 4, 5, 6, 7, 8, 9, 10],
      preampDb: -12,
    });
  });
});

describe('EQ_PRESETS', () => {
  it('hasTheSevenPresetsWithTenGainsWithinPlusMinus12Db', () => {
    expect(Object.keys(EQ_PRESETS).sort()).toEqual(
      ['bassBoost', 'classical', 'electronic', 'flat', 'rock', 'trebleBoost', 'vocal'].sort(),
    );
    for (const preset of Object.values(EQ_PRESETS)) {
      expect(preset.gainsDb).toHaveLength(EQ_FREQUENCIES.length);
      for (const db of [...preset.gainsDb, preset.preampDb]) expect(Math.abs(db)).toBeLessThanOrEqual(12);
    }
  });

  it('keepsTheLoudestBoostOfEachPresetAtOrBelow0DbWithItsPreamp', () => {
    for (const preset of Object.values(EQ_PRESETS)) {
      expect(Math.max(...preset.gainsDb) + preset.preampDb).toBeLessThanOrEqual(0);
    }
  });

  it('flatIsAllZero', () => {
    expect(EQ_PRESETS.flat.gainsDb.every((db) => db === 0)).toBe(true);
  });

  it('bassBoostRaisesLowsAndTrebleBoostRaisesHighs', () => {
    expect(EQ_PRESETS.bassBoost.gainsDb[0]).toBeGreaterThan(0);
    expect(EQ_PRESETS.bassBoost.gainsDb[9]).toBe(0);
    expect(EQ_PRESETS.trebleBoost.gainsDb[9]).toBeGreaterThan(0);
    expect(EQ_PRESETS.trebleBoost.gainsDb[0]).toBe(0);
  });
});

describe('createEqChain', () => {
  it('buildsTenFiltersInSeriesFromInputToOutput', () => {
    const context = new FakeAudioContext();
    const chain = createEqChain(context, [3]);

    expect(context.filters).toHaveLength(10);
    expect(chain.input).toBe(context.filters[0]);
    expect(chain.output).toBe(context.filters[9]);
    for (let i = 0; i < 9; i++) expect(context.filters[i]?.connections).toEqual([context.filters[i + 1]]);
    expect(context.filters[9]?.connections).toEqual([]);
    expect(context.filters.map((f) => f.type)).toEqual(eqBands([]).map((b) => b.type));
    expect(context.filters.map((f) => f.frequency.value)).toEqual([...EQ_FREQUENCIES]);
    expect(context.filters[0]?.Q.value).toBeCloseTo(1.414, 3);
    expect(context.filters[0]?.gain.value).toBe(3);
    expect(context.filters[1]?.gain.value).toBe(0);
  });
});

describe('applyPreset', () => {
  it('setsEveryFilterGainToThePresetAndReturnsItsPreamp', () => {
    const context = new FakeAudioContext();
    const chain = createEqChain(context);

    const preset = applyPreset(chain, 'rock');

    expect(context.filters.map((f) => f.gain.value)).toEqual(EQ_PRESETS.rock.gainsDb);
    expect(preset.preampDb).toBe(-5);
  });

  it('clampsGainsSetDirectly', () => {
    const context = new FakeAudioContext();
    const chain = createEqChain(context);

    applyEqGains(chain, [15, -15]);

    expect(context.filters[0]?.gain.value).toBe(12);
    expect(context.filters[1]?.gain.value).toBe(-12);
  });
});
