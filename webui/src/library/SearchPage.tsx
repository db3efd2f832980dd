import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { AlbumGrid } from './AlbumGrid';
import { useSearch } from './queries';
import { initialBox, typed, urlChanged } from './searchBox';
import { TrackList } from './TrackList';

/**
 * Search as you type: the query lives in the URL (?q=), so a reload or a shared link shows the same results; the box
 * shows what was typed at once and the URL follows it (see searchBox.ts).
 */
export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const url = params.get('q') ?? '';
  const [box, setBox] = useState(() => initialBox(url));
  useEffect(() => setBox((b) => urlChanged(b, url)), [url]);
  const text = box.text;
  const search = useSearch(text);
  const r = search.data;
  const empty = r && !r.artists?.items.length && !r.albums?.items.length && !r.tracks?.items.length && !r.playlists?.items.length;
  return (
    <section aria-labelledby="search-title">
      <header className="page-header">
        <h1 id="search-title">Search</h1>
      </header>
      <input className="search-box" type="search" placeholder="Artists, albums, tracks, playlists" aria-label="Search"
        autoFocus value={text} onChange={(e) => {
          const value = e.target.value;
          setBox((b) => typed(b, value));
          setParams(value ? { q: value } : {}, { replace: true });
        }} />
      {search.isError && <p role="alert">{search.error.message}</p>}
      {text && empty && <p className="muted">Nothing found for “{text}”.</p>}
      {r?.artists && r.artists.items.length > 0 && (
        <section aria-label="Artists found">
          <h2>Artists</h2>
          <ul className="list">{r.artists.items.map((a) => <li key={a.id}><Link to={`/artists/${a.id}`}>{a.name}</Link></li>)}</ul>
        </section>
      )}
      {r?.albums && r.albums.items.length > 0 && (
        <section aria-label="Albums found"><h2>Albums</h2><AlbumGrid albums={r.albums.items} /></section>
      )}
      {r?.tracks && r.tracks.items.length > 0 && (
        <section aria-label="Tracks found"><h2>Tracks</h2><TrackList tracks={r.tracks.items} showAlbum label="Tracks found" /></section>
      )}
    </section>
  );
}
