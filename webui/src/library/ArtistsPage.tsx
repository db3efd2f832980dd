import { Link } from 'react-router';
import { useArtists } from './queries';

export function ArtistsPage() {
  const artists = useArtists();
  const items = artists.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="artists-title">
      <header className="page-header"><h1 id="artists-title">Artists</h1></header>
      {artists.isPending && <p className="muted">Loading…</p>}
      {artists.isError && <p role="alert">{artists.error.message}</p>}
      <ul className="list" aria-label="Artists">
        {items.map((a) => <li key={a.id}><Link to={`/artists/${a.id}`}>{a.name}</Link></li>)}
      </ul>
      {artists.hasNextPage && (
        <button type="button" className="more" onClick={() => void artists.fetchNextPage()}>More</button>
      )}
    </section>
  );
}
