import { useParams } from 'react-router';
import { StarRating } from '../sync/StarRating';
import { AlbumGrid } from './AlbumGrid';
import { useArtist } from './queries';

export function ArtistPage() {
  const artist = useArtist(Number(useParams().id));
  if (artist.isPending) return <p className="muted">Loading…</p>;
  if (artist.isError) return <p role="alert">{artist.error.message}</p>;
  const a = artist.data;
  return (
    <article aria-labelledby="artist-title">
      <header className="page-header">
        <h1 id="artist-title">{a.name}</h1>
        <StarRating kind="artist" id={a.id} name={a.name} />
      </header>
      {a.albums.length > 0 && <section><h2>Albums</h2><AlbumGrid albums={a.albums} /></section>}
      {a.appearsOn.length > 0 && <section><h2>Appears on</h2><AlbumGrid albums={a.appearsOn} /></section>}
    </article>
  );
}
