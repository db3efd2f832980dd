import { describe, expect, it } from 'vitest';
import { toShown } from './lyrics';

describe('lyrics shown', () => {
  it('prefersSyncedLyricsWithTheOffsetApplied', () => {
    const shown = toShown({
      trackId: 1,
      lyrics: [
        { lang: 'eng', synced: false, offsetMs: 0, lines: [{ text: 'plain' }] },
        { lang: 'eng', synced: true, offsetMs: 500, lines: [{ startMs: 200, text: 'first' }, { startMs: 1500, text: 'second', cues: [{ startMs: 1500, text: 'sec' }] }] },
      ],
    });
    expect(shown).toEqual({
      synced: true,
      lines: [{ time: 0, text: 'first', words: undefined }, { time: 1, text: 'second', words: [{ time: 1, text: 'sec' }] }],
    });
  });

  it('showsPlainLyricsWhenNoneAreSynced', () => {
    expect(toShown({ trackId: 1, lyrics: [{ lang: 'xxx', synced: false, offsetMs: 0, lines: [{ text: 'a' }, { text: 'b' }] }] }))
      .toEqual({ synced: false, lines: ['a', 'b'] });
  });

  it('showsNothingWithoutLyrics', () => {
    expect(toShown({ trackId: 1, lyrics: [] })).toBeNull();
    expect(toShown(undefined)).toBeNull();
  });
});
