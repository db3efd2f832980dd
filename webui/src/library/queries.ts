import { useInfiniteQuery, useQuery, keepPreviousData } from '@tanstack/react-query';
import { api, query } from '../api/client';
import type { Album, AlbumDetail, Artist, ArtistDetail, Page, SearchResult } from '../api/types';

/** Server state of the library pages: one hook per API read, cached and shared by TanStack Query. */

export type AlbumSort = 'title' | 'recent' | 'newest' | 'year';

export function useAlbums(sort: AlbumSort, limit = 60) {
  return useInfiniteQuery({
    queryKey: ['albums', sort, limit],
    queryFn: ({ pageParam, signal }) =>
      api<Page<Album>>('/api/v1/content/albums' + query({ sort, limit, after: pageParam }), { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
  });
}

export function useAlbum(id: number) {
  return useQuery({
    queryKey: ['album', id],
    queryFn: ({ signal }) => api<AlbumDetail>(`/api/v1/content/albums/${id}`, { signal }),
  });
}

export function useArtists(limit = 100) {
  return useInfiniteQuery({
    queryKey: ['artists', limit],
    queryFn: ({ pageParam, signal }) => api<Page<Artist>>('/api/v1/content/artists' + query({ limit, after: pageParam }), { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
  });
}

export function useArtist(id: number) {
  return useQuery({
    queryKey: ['artist', id],
    queryFn: ({ signal }) => api<ArtistDetail>(`/api/v1/content/artists/${id}`, { signal }),
  });
}

/** Search as you type: the previous answer stays on screen while the next one loads (no flicker between keys). */
export function useSearch(text: string) {
  const q = text.trim();
  return useQuery({
    queryKey: ['search', q],
    queryFn: ({ signal }) => api<SearchResult>('/api/v1/content/search' + query({ q, limit: 8 }), { signal }),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** The URL of a cover at about {@code size} pixels (the server resizes to 64/128/256/512/1024). */
export function coverUrl(imageId: number | null | undefined, size: number): string | null {
  return imageId ? `/api/v1/content/images/${imageId}?size=${size}` : null;
}
