import type { AlbumDetail } from '../api/types';
import { useDownloads } from './downloads';

/** Download an album for offline listening, see its progress, or remove the download. */
export function DownloadButton({ detail }: { detail: AlbumDetail }) {
  const id = detail.album.id;
  const downloaded = useDownloads((s) => s.albums.some((a) => a.albumId === id));
  const progress = useDownloads((s) => s.progress[id]);
  const error = useDownloads((s) => s.error);
  const { download, remove } = useDownloads();
  if (typeof caches === 'undefined') return null; // no Cache Storage (not a secure context)
  if (progress) {
    return <span className="muted" role="status">Downloading {progress.done}/{progress.of}…</span>;
  }
  return (
    <>
      {downloaded
        ? <button type="button" className="link" onClick={() => void remove(id)}>Remove download</button>
        : <button type="button" className="link" onClick={() => void download(detail)}>Download</button>}
      {downloaded && <span className="muted" role="status">Downloaded</span>}
      {error && <span role="alert">{error}</span>}
    </>
  );
}
