import { Link } from 'react-router';
import { genreCounts, tileColour } from './genres';
import { useGenres } from './genreQueries';

/** Every genre of the library (those with tracks you may see), by name, each a tile opening its page. */
export function GenresPage() {
  const genres = useGenres();
  return (
    <section aria-labelledby="genres-title">
      <header className="page-header">
        <h1 id="genres-title">Genres</h1>
        {genres.data && genres.data.length > 0 && <span className="muted">{genres.data.length} genres</span>}
      </header>
      {genres.isPending && <p className="muted">Loading…</p>}
      {genres.isError && <p role="alert">{genres.error.message}</p>}
      {genres.data?.length === 0 && <p className="muted">No genres yet: the library's files name none.</p>}
      <ul className="genre-tiles" aria-label="Genres">
        {genres.data?.map((g) => (
          <li key={g.id}>
            <Link to={`/genres/${g.id}`} className={`genre-tile genre-tile--${tileColour(g.name)}`}>
              <span className="genre-tile__name">{g.name}</span>
              <span className="genre-tile__counts">{genreCounts(g)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
