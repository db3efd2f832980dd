import { Link } from 'react-router';
import type { Album } from '../api/types';
import { Cover } from './Cover';
import { useVirtualGrid } from './useVirtualRows';

/** Albums as cards; a long grid (hundreds of pages of a large library) renders only the rows near the viewport. */
export function AlbumGrid({ albums }: { albums: Album[] }) {
  const grid = useVirtualGrid<HTMLUListElement>(albums.length, 160, 220);
  return (
    <ul className="grid" aria-label="Albums" ref={grid.ref} style={grid.style}>
      {grid.indexes.map((i) => {
        const a = albums[i];
        if (!a) return null;
        return (
          <li key={a.id} className="grid__item" aria-setsize={albums.length} aria-posinset={i + 1}>
            <Link to={`/albums/${a.id}`} className="card">
              <Cover imageId={a.coverImageId} size={256} alt="" palette={a.palette} />
              <span className="card__title">{a.title}</span>
              <span className="card__sub">{a.artist}{a.year ? ` · ${a.year}` : ''}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
