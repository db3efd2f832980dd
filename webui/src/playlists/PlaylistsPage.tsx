import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { duration } from '../library/format';
import { useCreatePlaylist, usePlaylists } from './queries';

/** My playlists (owned and collaborating), and a new one. */
export function PlaylistsPage() {
  const playlists = usePlaylists();
  const create = useCreatePlaylist();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const made = await create.mutateAsync({ name: name.trim() });
    setName('');
    void navigate(`/playlists/${made.id}`);
  };
  return (
    <section aria-labelledby="playlists-title">
      <header className="page-header"><h1 id="playlists-title">Playlists</h1></header>
      <form className="inline-form" onSubmit={(e) => void submit(e)}>
        <input aria-label="New playlist name" placeholder="New playlist" value={name} onChange={(e) => setName(e.target.value)} required />
        <button type="submit" className="primary" disabled={create.isPending || !name.trim()}>Create</button>
        {create.isError && <span role="alert">{create.error.message}</span>}
      </form>
      {playlists.isPending && <p className="muted">Loading…</p>}
      {playlists.isError && <p role="alert">{playlists.error.message}</p>}
      <ul className="rows" aria-label="My playlists">
        {playlists.data?.items.map((p) => (
          <li key={p.id}>
            <Link to={`/playlists/${p.id}`}>{p.name}</Link>
            <span className="muted"> · {p.trackCount} tracks · {duration(p.durationMs)}{p.collaborative ? ' · collaborative' : ''}
              {p.owner.username ? ` · by ${p.owner.username}` : ''}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
