import { describe, expect, it } from 'vitest';
import { duration } from './format';

describe('duration', () => {
  it('showsMinutesAndZeroPaddedSeconds', () => {
    expect(duration(0)).toBe('0:00');
    expect(duration(61_000)).toBe('1:01');
    expect(duration(599_499)).toBe('9:59');
  });

  it('showsHoursForLongDurations', () => {
    expect(duration(3_600_000)).toBe('1:00:00');
    expect(duration(3_725_000)).toBe('1:02:05');
  });

  it('neverShowsNegativeTime', () => {
    expect(duration(-5_000)).toBe('0:00');
  });
});
