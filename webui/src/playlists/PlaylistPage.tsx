import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { Track } from '../api/types';
import { useSession } from '../auth/session';
import { duration } from '../library/format';
import { touchReorder } from '../library/touchReorder';
import { useVirtualRows } from '../library/useVirtualRows';
import { usePlayer } from '../player/player';
import { ExportLink } from './ExportLink';
import { moved, placement } from './order';
import { useDeletePlaylist, useMoveEntry, usePlaylist, useRemoveEntry, type PlaylistEntry } from './queries';
import { useRemoveCollaborator } from './sharingQueries';

// only owners open it: loaded then
const SharingPanel = lazy(() => import('./SharingPanel').then((m) => ({ default: m.SharingPanel })));

function asTrack(e: PlaylistEntry): Track {
  return { id: e.trackId, title: e.title, artist: e.artist, artists: [], albumId: e.albumId, album: e.album, durationMs: e.durationMs, codec: '', coverImageId: e.coverImageId };
}

/**
 * A playlist: play it, reorder entries by dragging (or with the move buttons, from the keyboard), remove them. The
 * list follows a drag at once; the server's answer (or its refusal) then replaces it. Its owner shares it (the
 * sharing panel) or deletes it; a collaborator leaves it; anyone who reads it exports it as M3U8.
 */
export function PlaylistPage() {
  const id = Number(useParams().id);
  const playlist = usePlaylist(id);
  const move = useMoveEntry();
  const remove = useRemoveEntry();
  const del = useDeletePlaylist();
  const leave = useRemoveCollaborator();
  const me = useSession((s) => (s.state.status === 'signed-in' ? s.state.user.id : null));
  const client = useQueryClient();
  const [sharing, setSharing] = useState(false);
  const playTracks = usePlayer((s) => s.playTracks);
  const navigate = useNavigate();
  const [shown, setShown] = useState<PlaylistEntry[] | null>(null);
  const [dragged, setDragged] = useState<number | null>(null);
  // up to 10,000 entries: only the rows near the viewport are in the page
  const rows = useVirtualRows<HTMLOListElement>((shown ?? playlist.data?.entries ?? []).length, 44);
  if (playlist.isPending) return <p className="muted">Loading…</p>;
  if (playlist.isError) return <p role="alert">{playlist.error.message}</p>;
  const { playlist: p, entries: fetched, collaborators } = playlist.data;
  const entries = shown ?? fetched;
  const owner = me !== null && p.owner.id === me;
  const collaborator = me !== null && collaborators.some((c) => c.id === me);

  const moveEntry = (from: number, to: number) => {
    const place = placement(entries, from, to);
    const entry = entries[from];
    if (!place || !entry) return;
    setShown(moved(entries, from, to));
    move.mutate({ id, entryId: entry.entryId, place }, { onSettled: () => setShown(null) });
  };
  const touchDrag = touchReorder(moveEntry);

  return (
    <article aria-labelledby="playlist-title">
      <header className="page-header">
        <h1 id="playlist-title">{p.name}</h1>
        <span className="muted">{p.trackCount} tracks · {duration(p.durationMs)} · by {p.owner.username}
          {p.collaborative ? ' · collaborative' : ''}
          {!owner && collaborators.length > 0 ? ` · with ${collaborators.map((c) => c.username).join(', ')}` : ''}</span>
      </header>
      <div className="album-header__actions">
        <button type="button" className="primary" disabled={entries.length === 0}
          onClick={() => void playTracks(entries.map(asTrack), 0)}>Play</button>
        {owner && (
          <button type="button" className="link" aria-expanded={sharing} onClick={() => setSharing(!sharing)}>
            Share
          </button>
        )}
        <ExportLink id={id} name={p.name} />
        {owner && (
          <button type="button" className="link" onClick={() => del.mutate(id, { onSuccess: () => void navigate('/playlists') })}>
            Delete playlist
          </button>
        )}
        {collaborator && (
          <button type="button" className="link" disabled={leave.isPending}
            onClick={() => leave.mutate({ id, userId: me }, {
              onSuccess: () => {
                void navigate('/playlists');
                client.removeQueries({ queryKey: ['playlist', id] });
              },
            })}>
            Leave playlist
          </button>
        )}
      </div>
      {(move.isError || remove.isError || leave.isError || del.isError) && (
        <p role="alert">{(move.error ?? remove.error ?? leave.error ?? del.error)?.message}</p>
      )}
      {owner && sharing && (
        <Suspense fallback={<p className="muted">Loading…</p>}><SharingPanel detail={playlist.data} /></Suspense>
      )}
      <ol className="tracks" aria-label="Playlist tracks" ref={rows.ref} style={rows.style}>
        {rows.indexes.map((i) => {
          const e = entries[i];
          return e && (
          <li key={e.entryId} className="tracks__row" draggable data-index={i} ref={rows.measure} aria-setsize={entries.length} aria-posinset={i + 1}
            onDragStart={(ev) => { setDragged(i); ev.dataTransfer.effectAllowed = 'move'; }}
            onDragOver={(ev) => ev.preventDefault()}
            onDrop={(ev) => { ev.preventDefault(); if (dragged !== null) moveEntry(dragged, i); setDragged(null); }}
            onDragEnd={() => setDragged(null)}>
            <span className="drag" aria-hidden="true" onPointerDown={touchDrag(i)}>⋮⋮</span>
            <button type="button" className="tracks__play" onClick={() => void playTracks(entries.map(asTrack), i)} aria-label={`Play ${e.title}`}>
              <span className="tracks__no">{i + 1}</span>
              <span className="tracks__title">{e.title}</span>
              <span className="tracks__artist">{e.artist} · added by {e.addedBy.username}</span>
              <span className="tracks__time">{duration(e.durationMs)}</span>
            </button>
            <button type="button" className="icon" aria-label={`Move ${e.title} up`} disabled={i === 0} onClick={() => moveEntry(i, i - 1)}>↑</button>
            <button type="button" className="icon" aria-label={`Move ${e.title} down`} disabled={i === entries.length - 1}
              onClick={() => moveEntry(i, i + 1)}>↓</button>
            <button type="button" className="icon" aria-label={`Remove ${e.title}`} onClick={() => remove.mutate({ id, entryId: e.entryId })}>✕</button>
          </li>
          );
        })}
      </ol>
    </article>
  );
}
