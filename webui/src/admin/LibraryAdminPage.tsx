import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../api/client';
import { checkingStatus, toServerStatus, type ServerStatus } from '../app/serverStatus';
import { onSyncMessage } from '../sync/sync';
import { ServerNumbers } from './ServerNumbers';

/**
 * The server for its admin: health (each check, with its detail for holders of RebootServer), key numbers (the library,
 * live meters from `/metrics`), the libraries, and scans with live progress (the sync socket's `library.scan`).
 */
interface Scan {
  state: string;
  kind: string;
  libraryId: number;
  startedAt: string;
  filesSeen: number;
  toRead: number;
  processed: number;
  added: number;
  updated: number;
  missing: number;
  errors: number;
  filesPerSecond?: number;
  etaSeconds?: number | null;
}

interface ScanStatus {
  running: boolean;
  current?: Scan | null;
  last: Scan[];
}

interface Library {
  id: number;
  name: string;
  path: string;
}

/** How far a scan is, 0–1, from what it has read of what it must read (walking: unknown). */
export function progressOf(scan: Pick<Scan, 'toRead' | 'processed' | 'state'>): number | null {
  if (scan.state === 'done') return 1;
  if (scan.toRead <= 0) return null;
  return Math.min(1, scan.processed / scan.toRead);
}

function Health() {
  const [status, setStatus] = useState<ServerStatus>(checkingStatus);
  useEffect(() => {
    let stop = false;
    const check = async () => {
      try {
        const r = await fetch('/health', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
        const body: unknown = await r.json().catch(() => null);
        if (!stop) setStatus(toServerStatus(r.status, body));
      } catch {
        if (!stop) setStatus({ level: 'down', label: 'The server cannot be reached', components: [] });
      }
    };
    void check();
    const timer = setInterval(() => void check(), 10_000);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, []);
  return (
    <section aria-label="Server health">
      <h2>Health</h2>
      <p className={`health health--${status.level}`}>{status.label}</p>
      <ul className="rows checks" aria-label="Health checks">
        {status.components.map((c) => (
          <li key={c.name}>
            <span className={`badge badge--${c.status === 'UP' ? 'enabled' : 'failed'}`}>{c.status}</span>{' '}
            <strong>{c.name}</strong>
            {c.detail && <span className="muted"> — {c.detail}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function LibraryAdminPage() {
  const client = useQueryClient();
  const libraries = useQuery({ queryKey: ['admin', 'libraries'], queryFn: ({ signal }) => api<Library[]>('/api/v1/admin/library/libraries', { signal }) });
  const status = useQuery({ queryKey: ['admin', 'scan'], queryFn: ({ signal }) => api<ScanStatus>('/api/v1/library/scan', { signal }) });
  const [live, setLive] = useState<Scan | null>(null);
  const [error, setError] = useState<string>();
  useEffect(() => onSyncMessage((m) => {
    if (m.type !== 'library.scan') return;
    const scan = m.scan as Scan;
    setLive(scan);
    if (scan.state !== 'walking' && scan.state !== 'reading' && scan.state !== 'finishing' && scan.state !== 'loading') {
      void client.invalidateQueries({ queryKey: ['admin', 'scan'] });
    }
  }), [client]);
  const scan = async (kind: 'quick' | 'full', libraryId?: number) => {
    setError(undefined);
    try {
      await api('/api/v1/admin/library/scan', { method: 'POST', body: { kind, libraryId } });
      void client.invalidateQueries({ queryKey: ['admin', 'scan'] });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'The scan could not start');
    }
  };
  const current = live ?? status.data?.current ?? null;
  const progress = current ? progressOf(current) : null;
  const nameOf = (id: number) => libraries.data?.find((l) => l.id === id)?.name ?? `library ${id}`;
  return (
    <section aria-labelledby="server-title">
      <header className="page-header"><h1 id="server-title">Server</h1></header>
      <Health />
      <ServerNumbers />
      <h2>Libraries</h2>
      {libraries.isError && <p role="alert">{libraries.error.message}</p>}
      <ul className="rows" aria-label="Libraries">
        {libraries.data?.map((l) => (
          <li key={l.id}>
            <strong>{l.name}</strong> <span className="muted">{l.path}</span>{' '}
            <button type="button" className="link" onClick={() => void scan('quick', l.id)}>Scan {l.name}</button>
          </li>
        ))}
      </ul>
      <div className="album-header__actions">
        <button type="button" className="primary" onClick={() => void scan('quick')}>Scan all</button>
        <button type="button" className="link" onClick={() => void scan('full')}>Full rescan (re-read every file)</button>
      </div>
      {error && <p role="alert">{error}</p>}
      {current && (
        <div className="scan" aria-label="Scan progress">
          <p>{nameOf(current.libraryId)}: {current.state} · {current.processed}/{current.toRead} read · {current.added} added ·{' '}
            {current.updated} updated · {current.missing} missing · {current.errors} errors</p>
          <progress max={1} value={progress ?? undefined} aria-label={`Scan of ${nameOf(current.libraryId)}`} />
        </div>
      )}
      <h2>Last scans</h2>
      <ul className="rows" aria-label="Last scans">
        {status.data?.last.map((s) => (
          <li key={`${s.libraryId}-${s.kind}`}>
            {nameOf(s.libraryId)} ({s.kind}): {s.state} · {s.filesSeen} files · {s.added} added · {s.errors} errors{' '}
            <span className="muted">{new Date(s.startedAt).toLocaleString()}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
