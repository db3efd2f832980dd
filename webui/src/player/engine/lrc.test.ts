import { describe, expect, it } from 'vitest';
import { activeLineIndex, parseLrc } from './lrc';
import type { LyricLine, Lyrics } from './lrc';

function synced(lyrics: Lyrics): readonly LyricLine[] {
  if (!lyrics.synced) throw new Error('expected synced lyrics');
  return lyrics.lines;
}

describe('parseLrc', () => {
  it('readsTwoAndThreeDigitFractions', () => {
    const lines = synced(parseLrc('[00:12.34]two digits\n[01:02.345]three digits\n[00:05.5]one digit'));

    expect(lines).toEqual([
      { time: 5.5, text: 'one digit' },
      { time: 12.34, text: 'two digits' },
      { time: 62.345, text: 'three digits' },
    ]);
  });

  it('acceptsStampsWithoutFractionOrWithAColonBeforeIt', () => {
    expect(synced(parseLrc('[02:03]a\n[00:01:50]b')).map((l) => l.time)).toEqual([1.5, 123]);
  });

  it('repeatsALineForEveryStampItCarriesAndSortsByTime', () => {
    const lines = synced(parseLrc('[00:10.00][00:40.00]Chorus\n[00:20.00]Verse'));

    expect(lines).toEqual([
      { time: 10, text: 'Chorus' },
      { time: 20, text: 'Verse' },
      { time: 40, text: 'Chorus' },
    ]);
  });

  it('ignoresMetadataTags', () => {
    const lyrics = parseLrc('[ar:Artist]\n[ti:Title]\n[al:Album]\n[by:someone]\n[length: 03:20]\n[00:01.00]Hello');

    expect(synced(lyrics)).toEqual([{ time: 1, text: 'Hello' }]);
  });

  it('appliesAPositiveOffsetByShowingLyricsSooner', () => {
    const lyrics = parseLrc('[offset:+500]\n[00:10.00]a\n[00:00.20]b');

    expect(lyrics).toEqual({
      synced: true,
      offsetMs: 500,
      lines: [
        { time: 0, text: 'b' },
        { time: 9.5, text: 'a' },
      ],
    });
  });

  it('appliesANegativeOffsetByShowingLyricsLater', () => {
    expect(synced(parseLrc('[00:10.00]a\n[offset:-250]'))).toEqual([{ time: 10.25, text: 'a' }]);
  });

  it('readsEnhancedWordTimings', () => {
    const lines = synced(parseLrc('[00:12.00]<00:12.00>Hello <00:12.50>bright <00:13.10>world'));

    expect(lines).toEqual([
      {
        time: 12,
        text: 'Hello bright world',
        words: [
          { time: 12, text: 'Hello ' },
          { time: 12.5, text: 'bright ' },
          { time: 13.1, text: 'world' },
        ],
      },
    ]);
  });

  it('skipsBlankLinesButKeepsAnEmptyTimedLineThatClearsTheDisplay', () => {
    const lines = synced(parseLrc('\n[00:01.00]a\n\n   \n[00:04.00]\n[00:06.00]b\n'));

    expect(lines).toEqual([
      { time: 1, text: 'a' },
      { time: 4, text: '' },
      { time: 6, text: 'b' },
    ]);
  });

  it('keepsFileOrderForLinesWithTheSameTime', () => {
    expect(synced(parseLrc('[00:01.00]first\n[00:01.00]second')).map((l) => l.text)).toEqual(['first', 'second']);
  });

  it('handlesWindowsLineEndingsAndAByteOrderMark', () => {
    expect(synced(parseLrc('\uFEFF[00:01.00]a\r\n[00:02.00]b\r\n'))).toHaveLength(2);
  });

  it('detectsStaticLyricsWithoutStamps', () => {
    const lyrics = parseLrc('\n[ar:Someone]\nFirst verse line\nSecond line\n\nChorus line\n\n');

    expect(lyrics).toEqual({ synced: false, lines: ['First verse line', 'Second line', '', 'Chorus line'] });
  });

  it('returnsNoLinesForEmptyText', () => {
    expect(parseLrc('')).toEqual({ synced: false, lines: [] });
  });
});

describe('activeLineIndex', () => {
  const lines = [{ time: 1 }, { time: 4 }, { time: 4 }, { time: 10 }, { time: 20.5 }];

  it('isMinusOneBeforeTheFirstLine', () => {
    expect(activeLineIndex(lines, 0.999)).toBe(-1);
    expect(activeLineIndex([], 5)).toBe(-1);
  });

  it('isTheLastLineWhoseTimeHasComeIncludingExactStamps', () => {
    expect(activeLineIndex(lines, 1)).toBe(0);
    expect(activeLineIndex(lines, 3.9)).toBe(0);
    expect(activeLineIndex(lines, 4)).toBe(2);
    expect(activeLineIndex(lines, 19)).toBe(3);
    expect(activeLineIndex(lines, 20.5)).toBe(4);
    expect(activeLineIndex(lines, 9999)).toBe(4);
  });

  it('agreesWithALinearScanAtEveryTenthOfASecond', () => {
    for (let t = 0; t <= 25; t += 0.1) {
      let expected = -1;
      lines.forEach((line, i) => {
        if (line.time <= t) expected = i;
      });
      expect(activeLineIndex(lines, t)).toBe(expected);
    }
  });
});
