import type { AlbumSort } from './queries';

/** The album list's orders, as the API names them (`GET /api/v1/content/albums?sort=`). */
export const ALBUM_SORTS: readonly AlbumSort[] = ['title', 'recent', 'newest', 'year'];

/** The order a `?sort=` in the albums page's URL asks for (the home page's "Show all" links there); undefined if none. */
export function albumSortParam(value: string | null): AlbumSort | undefined {
  return ALBUM_SORTS.find((s) => s === value);
}
