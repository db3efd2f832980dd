import { Link } from 'react-router';
import type { Album } from '../api/types';
import { Cover } from './Cover';

export function AlbumGrid({ albums }: { albums: Album[] }) {
  return (
    <ul className="grid" aria-label="Albums">
      {albums.map((a) => (
        <li key={a.id} className="grid__item">
          <Link to={`/albums/${a.id}`} className="card">
            <Cover imageId={a.coverImageId} size={256} alt="" palette={a.palette} />
            <span className="card__title">{a.title}</span>
            <span className="card__sub">{a.artist}{a.year ? ` · ${a.year}` : ''}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
