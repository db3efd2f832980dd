import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Album, Page, Track } from '../api/types';
import { genreListPath, type Genre } from './genres';

/** Server state of the genre pages (TanStack Query): the genres, and a genre's albums and tracks page by page. */

export function useGenres() {
  return useQuery({
    queryKey: ['genres'],
    queryFn: ({ signal }) => api<Genre[]>('/api/v1/content/genres', { signal }),
  });
}

function useGenreList<T>(kind: 'albums' | 'tracks', genreId: number | null) {
  return useInfiniteQuery({
    queryKey: ['genre', genreId, kind],
    queryFn: ({ pageParam, signal }) => api<Page<T>>(genreListPath(kind, genreId as number, pageParam), { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
    enabled: genreId !== null,
  });
}

export function useGenreAlbums(genreId: number | null) {
  return useGenreList<Album>('albums', genreId);
}

export function useGenreTracks(genreId: number | null) {
  return useGenreList<Track>('tracks', genreId);
}
