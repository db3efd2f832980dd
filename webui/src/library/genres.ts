import { query } from '../api/client';

/**
 * Genres (docs/api.md, "Library"): the list, and a genre's albums and tracks. The lists' `genre` filter takes the
 * genre's id (the server reads it as a number), not its name.
 */

/** `GET /api/v1/content/genres`: an item (only genres with tracks the caller may see, by name). */
export interface Genre {
  id: number;
  name: string;
  albumCount: number;
  trackCount: number;
}

export const GENRE_ALBUMS_PAGE = 60;
export const GENRE_TRACKS_PAGE = 100;

/** A page of the genre's albums (by title) or tracks (by title); {@code after} is the last page's `next`. */
export function genreListPath(kind: 'albums' | 'tracks', genreId: number, after?: string, limit?: number): string {
  const size = limit ?? (kind === 'albums' ? GENRE_ALBUMS_PAGE : GENRE_TRACKS_PAGE);
  return `/api/v1/content/${kind}` + query({ genre: genreId, sort: 'title', limit: size, after });
}

/** The id in a `/genres/:id` URL: ASCII digits naming a positive id, as the API takes them; null otherwise. */
export function genreIdParam(value: string | undefined): number | null {
  if (!value || !/^[0-9]{1,15}$/.test(value)) return null;
  const id = Number(value);
  return id > 0 ? id : null;
}

export function findGenre(genres: Genre[] | undefined, id: number | null): Genre | undefined {
  return id === null ? undefined : genres?.find((g) => g.id === id);
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "1 album · 2 tracks". */
export function genreCounts(g: Pick<Genre, 'albumCount' | 'trackCount'>): string {
  return `${count(g.albumCount, 'album', 'albums')} · ${count(g.trackCount, 'track', 'tracks')}`;
}

/** How many tile colours app.css has (`.genre-tile--0` … `--7`). */
export const TILE_COLOURS = 8;

/** A genre's tile colour, the same for a name everywhere and every time (a hash of its lower-case name). */
export function tileColour(name: string): number {
  let h = 0;
  for (const ch of name.toLowerCase()) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return h % TILE_COLOURS;
}
