import { useState, type MouseEvent } from 'react';
import { apiResponse, ApiError } from '../api/client';
import { exportFileName, exportPath, M3U8_TYPE } from './m3u8';

/**
 * The playlist as an M3U8 file. A plain link to the file (the session cookie goes with it: open in a tab, save as);
 * a click reads it through the API client instead, so an expired session is renewed first and an error is shown
 * here rather than saved as the file.
 */
export function ExportLink({ id, name }: { id: number; name: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const save = async (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return; // the browser's own ways
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const response = await apiResponse(exportPath(id), { accept: `${M3U8_TYPE}, application/json` });
      const url = URL.createObjectURL(await response.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = exportFileName(name);
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 30_000);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The file could not be saved');
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <a className="link" href={exportPath(id)} download={exportFileName(name)} aria-busy={busy} onClick={(e) => void save(e)}>
        Export M3U8
      </a>
      {error && <span role="alert">{error}</span>}
    </>
  );
}
