import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useDownloads } from './downloads';

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** What is downloaded, the space it takes, and the way to remove it; works offline. */
export function DownloadsPage() {
  const { albums, remove } = useDownloads();
  const [estimate, setEstimate] = useState<StorageEstimate>();
  useEffect(() => {
    void navigator.storage?.estimate?.().then(setEstimate);
  }, [albums]);
  const total = albums.reduce((sum, a) => sum + a.bytes, 0);
  return (
    <section aria-labelledby="downloads-title">
      <header className="page-header">
        <h1 id="downloads-title">Downloads</h1>
        <span className="muted">{megabytes(total)} of music{estimate?.usage !== undefined && `; this site uses ${megabytes(estimate.usage)}`}
          {estimate?.quota !== undefined && ` of ${megabytes(estimate.quota)} available`}</span>
      </header>
      {albums.length === 0 && <p className="muted">Nothing downloaded. Albums have a Download button.</p>}
      <ul className="rows" aria-label="Downloaded albums">
        {albums.map((a) => (
          <li key={a.albumId}>
            <Link to={`/albums/${a.albumId}`}>{a.title}</Link> <span className="muted">· {a.artist} · {megabytes(a.bytes)}</span>{' '}
            <button type="button" className="link" onClick={() => void remove(a.albumId)}>Remove</button>
          </li>
        ))}
      </ul>
    </section>
  );
}
