import { query } from '../api/client';
import type { AlbumDetail, Track } from '../api/types';

/**
 * The home page's logic (no React, no player): what each section asks the server (docs/api.md, "Listening history and
 * stats", "Library"), how its answers become what is shown, and what a click on a recently played track plays.
 */

/** How many of each the home page shows. */
export const RECENTLY_PLAYED_LIMIT = 10;
export const RECENTLY_ADDED_LIMIT = 12;
export const TOP_LIMIT = 5;
export const DISCOVER_LIMIT = 30;

/** `GET /api/v1/user/history/tracks`: an item (each track once, newest first). */
export interface RecentTrack {
  trackId: number;
  title: string;
  artist: string;
  playCount: number;
  lastPlayedAt: string;
}

/** `GET /api/v1/user/stats/top`: an item. */
export interface TopItem {
  id: number;
  name: string;
  listens: number;
}

export type TopKind = 'artists' | 'albums';

export function recentlyPlayedPath(limit = RECENTLY_PLAYED_LIMIT): string {
  return '/api/v1/user/history/tracks' + query({ limit });
}

/** The month's top of {@code kind} ("this month" = the API's `period=month`, the last 30 days). */
export function topPath(kind: TopKind, limit = TOP_LIMIT): string {
  return '/api/v1/user/stats/top' + query({ kind, period: 'month', limit });
}

/** `GET /api/v1/content/recommendations`: tracks the recommender plugins suggest (none: no recommender answered). */
export interface Recommendations {
  purpose: string;
  items: { track: Track; reason?: string | null; plugin: string }[];
  plugins: string[];
}

/** The user's Weekly Discover: the recommenders' `discover` answer, the same all week (their contract). */
export function discoverPath(limit = DISCOVER_LIMIT): string {
  return '/api/v1/content/recommendations' + query({ purpose: 'discover', limit });
}

/**
 * Whether the home page has a Weekly Discover section: only when a recommender answered with tracks. Without one (no
 * plugin, a failing one, still asking) the section is not drawn at all, rather than an empty box the user cannot fill.
 */
export function discoverTracks(answer: Recommendations | undefined): Track[] {
  return answer?.items.map((i) => i.track) ?? [];
}

/** One entry of "Your top this month": an artist or an album, with where it links. */
export interface TopEntry {
  key: string;
  kind: 'Artist' | 'Album';
  id: number;
  name: string;
  listens: number;
  to: string;
}

/** The month's top artists then top albums as one list (either may not be there: loading, or failed). */
export function topEntries(artists: TopItem[] | undefined, albums: TopItem[] | undefined): TopEntry[] {
  const entries: TopEntry[] = [];
  for (const a of artists ?? []) entries.push({ key: `artist-${a.id}`, kind: 'Artist', id: a.id, name: a.name, listens: a.listens, to: `/artists/${a.id}` });
  for (const a of albums ?? []) entries.push({ key: `album-${a.id}`, kind: 'Album', id: a.id, name: a.name, listens: a.listens, to: `/albums/${a.id}` });
  return entries;
}

export function listensText(n: number): string {
  return n === 1 ? '1 listen' : `${n} listens`;
}

/** What a section shows as its body, from the state of the reads that fill it. */
export type SectionView = 'loading' | 'items' | 'empty' | 'error';

export interface ReadState {
  pending: boolean;
  failed: boolean;
  /** How many items it brought (0 while pending or failed). */
  count: number;
}

/**
 * Anything to show is shown (a failed read beside it says so on its own); nothing yet while a read is still out is
 * loading; every read done and empty is empty; nothing to show because a read failed is an error (an empty answer
 * of the other read does not make the section "empty": the failed one might have had items).
 */
export function sectionView(reads: ReadState[]): SectionView {
  if (reads.some((r) => r.count > 0)) return 'items';
  if (reads.some((r) => r.pending)) return 'loading';
  if (reads.some((r) => r.failed)) return 'error';
  return 'empty';
}

/** "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", then the date. */
export function playedAgo(iso: string, now: Date = new Date()): string {
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return '';
  const minutes = Math.floor((now.getTime() - then.getTime()) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  if (days === 1) return 'yesterday';
  if (days < 7) return `${days} days ago`;
  return then.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: then.getFullYear() === now.getFullYear() ? undefined : 'numeric' });
}

/** "Good morning" (5–11 h), "Good afternoon" (12–17 h), "Good evening" (otherwise). */
export function greeting(hour: number): string {
  if (hour >= 5 && hour < 12) return 'Good morning';
  if (hour >= 12 && hour < 18) return 'Good afternoon';
  return 'Good evening';
}

/** An album's tracks in play order, each carrying the album's cover and palette (the player bar, the visualizer). */
export function albumTracks(detail: AlbumDetail): Track[] {
  const { coverImageId, palette } = detail.album;
  return detail.discs.flatMap((d) => d.tracks).map((t) => ({ ...t, coverImageId, palette }));
}

export interface PlaybackLoader {
  track: (id: number) => Promise<Track>;
  album: (id: number) => Promise<AlbumDetail>;
}

/**
 * What a click on a recently played track plays: the history names only the track, so its album is read and played
 * from that track on (the queue goes on with the album, as on the album's page). A track with no album, or whose
 * album cannot be read or no longer holds it, plays alone. Rejects only when the track itself cannot be read.
 */
export async function recentPlayback(trackId: number, load: PlaybackLoader): Promise<{ tracks: Track[]; index: number }> {
  const track = await load.track(trackId);
  if (track.albumId == null) return { tracks: [track], index: 0 };
  try {
    const tracks = albumTracks(await load.album(track.albumId));
    const index = tracks.findIndex((t) => t.id === trackId);
    if (index >= 0) return { tracks, index };
  } catch {
    // the album cannot be read: the track alone still plays
  }
  return { tracks: [track], index: 0 };
}
