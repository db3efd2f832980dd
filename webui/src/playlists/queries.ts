import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from '../api/client';
import { importPath, M3U8_TYPE, type ImportReport } from './m3u8';

/** Playlists through the REST API (docs/api.md, "Playlists"); edits name entries by their stable ids. */

export interface PlaylistSummary {
  id: number;
  name: string;
  description?: string | null;
  public: boolean;
  collaborative: boolean;
  owner: { id: number; username: string };
  coverImageId?: number | null;
  mosaic: number[];
  trackCount: number;
  durationMs: number;
  version: number;
}

export interface PlaylistEntry {
  entryId: number;
  trackId: number;
  title: string;
  artist: string;
  albumId?: number | null;
  album: string;
  coverImageId?: number | null;
  durationMs: number;
  addedBy: { id: number; username: string };
  addedAt: string;
}

export interface PlaylistDetail {
  playlist: PlaylistSummary;
  collaborators: { id: number; username: string; since: string }[];
  entries: PlaylistEntry[];
}

export function usePlaylists() {
  return useQuery({
    queryKey: ['playlists'],
    queryFn: ({ signal }) => api<{ items: PlaylistSummary[] }>('/api/v1/user/playlists' + query({ limit: 500 }), { signal }),
  });
}

export function usePlaylist(id: number) {
  return useQuery({
    queryKey: ['playlist', id],
    queryFn: ({ signal }) => api<PlaylistDetail>(`/api/v1/user/playlists/${id}`, { signal }),
  });
}

/** After any change of a playlist: what lists it, and the playlist itself, are read again. */
export function useRefresh() {
  const client = useQueryClient();
  return (id?: number) => {
    void client.invalidateQueries({ queryKey: ['playlists'] });
    if (id !== undefined) void client.invalidateQueries({ queryKey: ['playlist', id] });
  };
}

export function useCreatePlaylist() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { name: string; trackIds?: number[] }) =>
      api<PlaylistSummary>('/api/v1/user/playlists', { method: 'POST', body }),
    onSuccess: () => refresh(),
  });
}

export function useAddTracks() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, trackIds }: { id: number; trackIds: number[] }) =>
      api(`/api/v1/user/playlists/${id}/entries`, { method: 'POST', body: { trackIds, at: 'end' } }),
    onSuccess: (_a, v) => refresh(v.id),
  });
}

export function useMoveEntry() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, entryId, place }: { id: number; entryId: number; place: { after: number } | { at: 'start' } }) =>
      api(`/api/v1/user/playlists/${id}/entries/move`, { method: 'POST', body: { entryIds: [entryId], ...place } }),
    onSettled: (_a, _e, v) => refresh(v.id),
  });
}

export function useRemoveEntry() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, entryId }: { id: number; entryId: number }) =>
      api(`/api/v1/user/playlists/${id}/entries/remove`, { method: 'POST', body: { entryIds: [entryId] } }),
    onSettled: (_a, _e, v) => refresh(v.id),
  });
}

export function useDeletePlaylist() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: number) => api(`/api/v1/user/playlists/${id}`, { method: 'DELETE' }),
    onSuccess: () => refresh(),
  });
}

/** A new playlist from an M3U8 file (sent as is: the server reads it as UTF-8), with the lines that matched nothing. */
export function useImportPlaylist() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ file, name }: { file: Blob; name?: string }) =>
      api<ImportReport>(importPath(name), { method: 'POST', rawBody: file, contentType: M3U8_TYPE }),
    onSuccess: () => refresh(),
  });
}
