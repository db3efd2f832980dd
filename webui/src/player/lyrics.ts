import type { LyricLine } from './engine';

/** The lyrics API's answer (`GET /api/v1/content/tracks/{id}/lyrics`, served while the lyrics plugin runs). */
export interface LyricsAnswer {
  trackId: number;
  source?: string | null;
  lyrics: {
    lang: string;
    synced: boolean;
    offsetMs: number;
    lines: { startMs?: number | null; text: string; cues?: { startMs: number; text: string }[] }[];
  }[];
}

export type Shown = { synced: true; lines: LyricLine[] } | { synced: false; lines: string[] } | null;

/**
 * What to show of an answer: its first synced lyrics with display times (start − offset: a positive offset shows
 * them sooner, as LRC and OpenSubsonic mean it; never before 0), else the first plain ones, else nothing.
 */
export function toShown(answer: LyricsAnswer | undefined): Shown {
  const all = answer?.lyrics ?? [];
  const synced = all.find((l) => l.synced && l.lines.length > 0);
  if (synced) {
    const at = (ms: number) => Math.max(0, ms - synced.offsetMs) / 1000;
    return {
      synced: true,
      lines: synced.lines.map((l) => ({
        time: at(l.startMs ?? 0),
        text: l.text,
        words: l.cues && l.cues.length > 0 ? l.cues.map((c) => ({ time: at(c.startMs), text: c.text })) : undefined,
      })),
    };
  }
  const plain = all.find((l) => l.lines.length > 0);
  return plain ? { synced: false, lines: plain.lines.map((l) => l.text) } : null;
}
