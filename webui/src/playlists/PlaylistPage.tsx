import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { Track } from '../api/types';
import { duration } from '../library/format';
import { usePlayer } from '../player/player';
import { moved, placement } from './order';
import { useDeletePlaylist, useMoveEntry, usePlaylist, useRemoveEntry, type PlaylistEntry } from './queries';

function asTrack(e: PlaylistEntry): Track {
  return { id: e.trackId, title: e.title, artist: e.artist, artists: [], albumId: e.albumId, album: e.album, durationMs: e.durationMs, codec: '', coverImageId: e.coverImageId };
}

/**
 * A playlist: play it, reorder entries by dragging (or with the move buttons, from the keyboard), remove them. The
 * list follows a drag at once; the server's answer (or its refusal) then replaces it.
 */
export function PlaylistPage() {
  const id = Number(useParams().id);
  const playlist = usePlaylist(id);
  const move = useMoveEntry();
  const remove = useRemoveEntry();
  const del = useDeletePlaylist();
  const playTracks = usePlayer((s) => s.playTracks);
  const navigate = useNavigate();
  const [shown, setShown] = useState<PlaylistEntry[] | null>(null);
  const [dragged, setDragged] = useState<number | null>(null);
  if (playlist.isPending) return <p className="muted">Loading…</p>;
  if (playlist.isError) return <p role="alert">{playlist.error.message}</p>;
  const { playlist: p, entries: fetched } = playlist.data;
  const entries = shown ?? fetched;

  const moveEntry = (from: number, to: number) => {
    const place = placement(entries, from, to);
    const entry = entries[from];
    if (!place || !entry) return;
    setShown(moved(entries, from, to));
    move.mutate({ id, entryId: entry.entryId, place }, { onSettled: () => setShown(null) });
  };

  return (
    <article aria-labelledby="playlist-title">
      <header className="page-header">
        <h1 id="playlist-title">{p.name}</h1>
        <span className="muted">{p.trackCount} tracks · {duration(p.durationMs)} · by {p.owner.username}</span>
      </header>
      <div className="album-header__actions">
        <button type="button" className="primary" disabled={entries.length === 0}
          onClick={() => void playTracks(entries.map(asTrack), 0)}>Play</button>
        <button type="button" className="link" onClick={() => del.mutate(id, { onSuccess: () => void navigate('/playlists') })}>
          Delete playlist
        </button>
      </div>
      {(move.isError || remove.isError) && <p role="alert">{(move.error ?? remove.error)?.message}</p>}
      <ol className="tracks" aria-label="Playlist tracks">
        {entries.map((e, i) => (
          <li key={e.entryId} className="tracks__row" draggable
            onDragStart={(ev) => { setDragged(i); ev.dataTransfer.effectAllowed = 'move'; }}
            onDragOver={(ev) => ev.preventDefault()}
            onDrop={(ev) => { ev.preventDefault(); if (dragged !== null) moveEntry(dragged, i); setDragged(null); }}
            onDragEnd={() => setDragged(null)}>
            <span className="drag" aria-hidden="true">⋮⋮</span>
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
        ))}
      </ol>
    </article>
  );
}
