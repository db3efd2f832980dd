import { describe, expect, it } from 'vitest';
import { learnServerTime, serverNow } from './serverClock';

function memory(): Storage {
  const values = new Map<string, string>();
  return {
    get length() { return values.size; },
    clear: () => values.clear(),
    getItem: (k) => values.get(k) ?? null,
    key: (i) => [...values.keys()][i] ?? null,
    removeItem: (k) => { values.delete(k); },
    setItem: (k, v) => { values.set(k, v); },
  };
}

describe('the server clock', () => {
  it('isThisDevicesClockUntilTheServerSaidItsTime', () => {
    expect(serverNow(memory(), Date.parse('2026-12-04T10:00:00Z'))).toBe('2026-12-04T10:00:00.000Z');
  });

  it('keepsTheLearnedOffsetForLaterReadings', () => {
    const storage = memory();
    learnServerTime('2026-12-04T10:00:05Z', storage, Date.parse('2026-12-04T10:00:00Z'));
    expect(serverNow(storage, Date.parse('2026-12-04T11:00:00Z'))).toBe('2026-12-04T11:00:05.000Z');
  });

  it('ignoresWhatIsNotATime', () => {
    const storage = memory();
    learnServerTime('2026-12-04T10:00:05Z', storage, Date.parse('2026-12-04T10:00:00Z'));
    learnServerTime(undefined, storage);
    learnServerTime('yesterday', storage);
    expect(serverNow(storage, Date.parse('2026-12-04T11:00:00Z'))).toBe('2026-12-04T11:00:05.000Z');
  });
});
