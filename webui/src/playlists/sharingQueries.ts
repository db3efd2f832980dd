import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { useRefresh, type PlaylistDetail, type PlaylistSummary } from './queries';
import type { Invite } from './sharing';

/** Sharing a playlist through the REST API (docs/api.md, "Playlists"): collaborative, invites, collaborators, join. */

type Sharing = Pick<PlaylistDetail, 'playlist' | 'collaborators'>;

/** The playlist as an answer says it is now, kept until the refresh reads it again (no flicker back). */
function useMerge() {
  const client = useQueryClient();
  return (id: number, change: Partial<PlaylistDetail>) =>
    client.setQueryData<PlaylistDetail>(['playlist', id], (old) => (old ? { ...old, ...change } : old));
}

export function useInvites(id: number, enabled: boolean) {
  return useQuery({
    queryKey: ['playlist', id, 'invites'],
    queryFn: ({ signal }) => api<Invite[]>(`/api/v1/user/playlists/${id}/invites`, { signal }),
    enabled,
  });
}

export function useSetCollaborative() {
  const refresh = useRefresh();
  const merge = useMerge();
  return useMutation({
    mutationFn: ({ id, collaborative }: { id: number; collaborative: boolean }) =>
      api<PlaylistSummary>(`/api/v1/user/playlists/${id}`, { method: 'PATCH', body: { collaborative } }),
    onSuccess: (playlist, v) => merge(v.id, { playlist }),
    onSettled: (_a, _e, v) => refresh(v.id),
  });
}

export function useCreateInvite() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, expiresInHours }: { id: number; expiresInHours: number }) =>
      api<Invite>(`/api/v1/user/playlists/${id}/invites`, { method: 'POST', body: { expiresInHours } }),
    onSuccess: (_a, v) => void client.invalidateQueries({ queryKey: ['playlist', v.id, 'invites'] }),
  });
}

export function useRevokeInvite() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, inviteId }: { id: number; inviteId: number }) =>
      api(`/api/v1/user/playlists/${id}/invites/${inviteId}`, { method: 'DELETE' }),
    onSettled: (_a, _e, v) => void client.invalidateQueries({ queryKey: ['playlist', v.id, 'invites'] }),
  });
}

/** Removes a collaborator (the owner), or the caller themself (leaving). */
export function useRemoveCollaborator() {
  const refresh = useRefresh();
  const merge = useMerge();
  return useMutation({
    mutationFn: ({ id, userId }: { id: number; userId: number }) =>
      api<Sharing>(`/api/v1/user/playlists/${id}/collaborators/${userId}`, { method: 'DELETE' }),
    onSuccess: (sharing, v) => merge(v.id, sharing),
    onSettled: (_a, _e, v) => refresh(v.id),
  });
}

export function useJoin() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (token: string) => api<Sharing>('/api/v1/user/playlists/join', { method: 'POST', body: { token } }),
    onSuccess: (joined) => refresh(joined.playlist.id),
  });
}
