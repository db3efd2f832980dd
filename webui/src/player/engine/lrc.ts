/**
 * LRC lyrics. Synced lines carry `[mm:ss.xx]` or `[mm:ss.xxx]` stamps (also `[mm:ss]` and
 * `[mm:ss:xx]`), several stamps may share one line, `[offset:±ms]` shifts every stamp (positive:
 * lyrics appear sooner, i.e. time = stamp − offset), other `[tag:value]` lines (ar, ti, al, by, …)
 * are metadata and ignored. Enhanced LRC word stamps `<mm:ss.xx>word` give per-word times.
 * Text without any stamp is static lyrics: `synced: false` with its plain lines.
 */

export interface LyricWord {
  readonly time: number;
  readonly text: string;
}

export interface LyricLine {
  /** Seconds from the start of the track, offset applied, never negative. */
  readonly time: number;
  readonly text: string;
  /** Enhanced LRC word timings, when the line has them. */
  readonly words?: readonly LyricWord[];
}

export type Lyrics =
  | { readonly synced: true; readonly lines: readonly LyricLine[]; readonly offsetMs: number }
  | { readonly synced: false; readonly lines: readonly string[] };

const STAMP = /^\[(\d+):(\d{1,2})(?:[.:](\d{1,3}))?\]/;
const WORD_STAMP = /<(\d+):(\d{1,2})(?:[.:](\d{1,3}))?>/g;
const TAG = /^\[([A-Za-z#][\w-]*):(.*)\]\s*$/;

function seconds(minutes: string, secs: string, fraction: string | undefined): number {
  const frac = fraction ? Number(fraction) / 10 ** fraction.length : 0;
  return Number(minutes) * 60 + Number(secs) + frac;
}

function shift(time: number, offsetMs: number): number {
  return Math.max(0, Math.round((time - offsetMs / 1000) * 1000) / 1000);
}

function parseWords(text: string, offsetMs: number): { text: string; words?: LyricWord[] } {
  const stamps = [...text.matchAll(WORD_STAMP)];
  if (stamps.length === 0) return { text: text.trim() };
  const words: LyricWord[] = [];
  stamps.forEach((match, i) => {
    const start = (match.index ?? 0) + match[0].length;
    const end = stamps[i + 1]?.index ?? text.length;
    const word = text.slice(start, end);
    if (word.trim() !== '') {
      words.push({ time: shift(seconds(match[1] ?? '0', match[2] ?? '0', match[3]), offsetMs), text: word });
    }
  });
  return { text: text.replace(WORD_STAMP, '').replace(/\s+/g, ' ').trim(), words };
}

export function parseLrc(source: string): Lyrics {
  const rawLines = source.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);

  let offsetMs = 0;
  for (const raw of rawLines) {
    const tag = TAG.exec(raw.trim());
    if (tag && tag[1]?.toLowerCase() === 'offset') {
      const value = Number((tag[2] ?? '').trim());
      if (Number.isFinite(value)) offsetMs = value;
    }
  }

  const timed: { time: number; order: number; text: string; words?: LyricWord[] }[] = [];
  const plain: string[] = [];
  rawLines.forEach((raw, order) => {
    let rest = raw.trim();
    const times: number[] = [];
    for (let match = STAMP.exec(rest); match; match = STAMP.exec(rest)) {
      times.push(seconds(match[1] ?? '0', match[2] ?? '0', match[3]));
      rest = rest.slice(match[0].length);
    }
    if (times.length > 0) {
      const { text, words } = parseWords(rest, offsetMs);
      for (const time of times) {
        timed.push({ time: shift(time, offsetMs), order, text, ...(words ? { words } : {}) });
      }
      return;
    }
    if (TAG.test(rest)) return; // metadata
    plain.push(rest);
  });

  if (timed.length === 0) {
    while (plain.length > 0 && plain[0] === '') plain.shift();
    while (plain.length > 0 && plain[plain.length - 1] === '') plain.pop();
    return { synced: false, lines: plain };
  }
  timed.sort((a, b) => a.time - b.time || a.order - b.order);
  return {
    synced: true,
    offsetMs,
    lines: timed.map(({ time, text, words }) => (words ? { time, text, words } : { time, text })),
  };
}

/**
 * Index of the line being sung at `seconds`: the last line whose time is ≤ seconds, −1 before
 * the first line. Binary search over lines sorted by time.
 */
export function activeLineIndex(lines: readonly Pick<LyricLine, 'time'>[], seconds: number): number {
  let low = 0;
  let high = lines.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if ((lines[mid]?.time ?? Infinity) <= seconds) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}
