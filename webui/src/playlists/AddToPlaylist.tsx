import { useState } from 'react';
import { useAddTracks, useCreatePlaylist, usePlaylists } from './queries';

/** Adds tracks to one of my playlists, or to a new one named here. */
export function AddToPlaylist({ trackIds, label }: { trackIds: number[]; label: string }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [done, setDone] = useState<string>();
  const playlists = usePlaylists();
  const add = useAddTracks();
  const create = useCreatePlaylist();
  const finish = (text: string) => {
    setDone(text);
    setOpen(false);
    setName('');
  };
  return (
    <div className="add-to">
      <button type="button" className="link" aria-expanded={open} onClick={() => setOpen(!open)}>Add to playlist</button>
      {done && <span className="muted" role="status"> {done}</span>}
      {open && (
        <div className="add-to__menu" role="group" aria-label={`Add ${label} to a playlist`}>
          {playlists.data?.items.map((p) => (
            <button key={p.id} type="button" onClick={() => add.mutate({ id: p.id, trackIds }, { onSuccess: () => finish(`Added to ${p.name}`) })}>
              {p.name}
            </button>
          ))}
          <form onSubmit={(e) => { e.preventDefault(); create.mutate({ name: name.trim(), trackIds }, { onSuccess: (made) => finish(`Added to ${made.name}`) }); }}>
            <input aria-label="New playlist name" placeholder="New playlist" value={name} onChange={(e) => setName(e.target.value)} required />
            <button type="submit" disabled={!name.trim()}>Create</button>
          </form>
          {(add.isError || create.isError) && <p role="alert">{(add.error ?? create.error)?.message}</p>}
        </div>
      )}
    </div>
  );
}
