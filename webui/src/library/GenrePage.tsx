import { Link, useParams } from 'react-router';
import { AlbumGrid } from './AlbumGrid';
import { findGenre, genreCounts, genreIdParam } from './genres';
import { useGenreAlbums, useGenreTracks, useGenres } from './genreQueries';
import { TrackList } from './TrackList';

/** A genre: its albums and its tracks, each list paged on its own ("More albums", "More tracks"). */
export function GenrePage() {
  const id = genreIdParam(useParams().id);
  const genres = useGenres();
  const albums = useGenreAlbums(id);
  const tracks = useGenreTracks(id);
  const genre = findGenre(genres.data, id);
  if (id === null || (genres.isSuccess && !genre)) {
    return (
      <section>
        <h1>Genre not found</h1>
        <p>There is no such genre in the library. <Link to="/genres">All genres</Link>.</p>
      </section>
    );
  }
  const albumItems = albums.data?.pages.flatMap((p) => p.items) ?? [];
  const trackItems = tracks.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <article aria-labelledby="genre-title">
      <header className="page-header">
        <h1 id="genre-title">{genre?.name ?? 'Genre'}</h1>
        {genre && <span className="muted">{genreCounts(genre)}</span>}
      </header>
      {genres.isError && <p role="alert">{genres.error.message}</p>}
      <section aria-labelledby="genre-albums">
        <h2 id="genre-albums">Albums</h2>
        {albums.isPending && <p className="muted">Loading…</p>}
        {albums.isError && <p role="alert">{albums.error.message}</p>}
        {albums.isSuccess && albumItems.length === 0 && <p className="muted">No albums in this genre.</p>}
        <AlbumGrid albums={albumItems} />
        {albums.hasNextPage && (
          <button type="button" className="more" disabled={albums.isFetchingNextPage}
            aria-busy={albums.isFetchingNextPage} onClick={() => void albums.fetchNextPage()}>
            More albums
          </button>
        )}
      </section>
      <section aria-labelledby="genre-tracks">
        <h2 id="genre-tracks">Tracks</h2>
        {tracks.isPending && <p className="muted">Loading…</p>}
        {tracks.isError && <p role="alert">{tracks.error.message}</p>}
        {tracks.isSuccess && trackItems.length === 0 && <p className="muted">No tracks in this genre.</p>}
        <TrackList tracks={trackItems} showAlbum label="Tracks" />
        {tracks.hasNextPage && (
          <button type="button" className="more" disabled={tracks.isFetchingNextPage}
            aria-busy={tracks.isFetchingNextPage} onClick={() => void tracks.fetchNextPage()}>
            More tracks
          </button>
        )}
      </section>
    </article>
  );
}
