import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client';
import { checkingStatus, toServerStatus, type ServerStatus } from '../app/serverStatus';
import { onSyncMessage } from '../sync/sync';
import {
  createLibraryCall, deleteLibraryCall, isConfigured, libraryProblem, libraryProblemMessage, SCAN_KEY, updateLibraryCall,
  type Library, type LibraryFields,
} from './libraries';
import { useLibraries, useLibraryChange } from './libraryQueries';
import { ServerNumbers } from './ServerNumbers';

/**
 * The server for its admin: health (each check, with its detail for holders of RebootServer), key numbers (the library,
 * live meters from `/metrics`), the libraries — added, renamed, moved to another folder or removed here —, and scans
 * with live progress (the sync socket's `library.scan`).
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
  const libraries = useLibraries();
  const status = useQuery({ queryKey: SCAN_KEY, queryFn: ({ signal }) => api<ScanStatus>('/api/v1/library/scan', { signal }) });
  const librariesTitle = useRef<HTMLHeadingElement>(null);
  const [live, setLive] = useState<Scan | null>(null);
  const [error, setError] = useState<string>();
  useEffect(() => onSyncMessage((m) => {
    if (m.type !== 'library.scan') return;
    const scan = m.scan as Scan;
    setLive(scan);
    if (scan.state !== 'walking' && scan.state !== 'reading' && scan.state !== 'finishing' && scan.state !== 'loading') {
      void client.invalidateQueries({ queryKey: SCAN_KEY });
    }
  }), [client]);
  const scan = async (kind: 'quick' | 'full', libraryId?: number) => {
    setError(undefined);
    try {
      await api('/api/v1/admin/library/scan', { method: 'POST', body: { kind, libraryId } });
      void client.invalidateQueries({ queryKey: SCAN_KEY });
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
      <h2 id="libraries-title" ref={librariesTitle} tabIndex={-1}>Libraries</h2>
      {libraries.isError && <p role="alert">{libraries.error.message}</p>}
      <ul className="rows libraries" aria-label="Libraries">
        {libraries.data?.map((l) => (
          <LibraryRow key={l.id} library={l} onScan={() => void scan('quick', l.id)}
            onRemoved={() => librariesTitle.current?.focus()} />
        ))}
      </ul>
      <AddLibrary />
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

/**
 * One library: its name and folder, a scan of it; renamed or moved to another folder in place (Save/Cancel), removed
 * after a confirmation. The configured library (`Music`) follows the server's configuration and offers neither. Focus
 * goes back to the button that opened the edit or the confirmation; after a removal the page puts it on the list's
 * heading (`onRemoved`).
 */
function LibraryRow({ library, onScan, onRemoved }: { library: Library; onScan: () => void; onRemoved: () => void }) {
  const change = useLibraryChange();
  const [mode, setMode] = useState<'view' | 'edit' | 'confirm'>('view');
  const [fields, setFields] = useState<LibraryFields>({ name: library.name, path: library.path });
  const [problem, setProblem] = useState<string | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const removeButton = useRef<HTMLButtonElement>(null);
  const keepButton = useRef<HTMLButtonElement>(null);
  /** The button to focus once the row shows its buttons again (they are not there while editing or confirming). */
  const focusBack = useRef<'edit' | 'remove' | null>(null);
  const ids = { name: useId(), path: useId(), hint: useId() };
  const name = library.name;
  const configured = isConfigured(library);
  useEffect(() => {
    if (mode === 'confirm') keepButton.current?.focus();
    if (mode === 'view' && focusBack.current) {
      (focusBack.current === 'edit' ? editButton : removeButton).current?.focus();
      focusBack.current = null;
    }
  }, [mode]);
  const close = (button: 'edit' | 'remove') => {
    focusBack.current = button;
    setProblem(null);
    setMode('view');
  };
  const edit = () => {
    setFields({ name: library.name, path: library.path });
    setProblem(null);
    setMode('edit');
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    const wrong = libraryProblem(fields);
    setProblem(wrong);
    if (wrong) return;
    const call = updateLibraryCall(library, fields);
    if (!call) {
      close('edit');
      return;
    }
    change.mutate(call, {
      onSuccess: () => close('edit'),
      onError: (error) => setProblem(libraryProblemMessage(error, 'The library could not be changed')),
    });
  };
  const remove = () => {
    setProblem(null);
    // mutateAsync: the row is gone (the list was read again) by the time the removal has answered
    change.mutateAsync(deleteLibraryCall(library.id)).then(onRemoved,
      (error: unknown) => setProblem(libraryProblemMessage(error, 'The library could not be removed')));
  };
  return (
    <li className="library" aria-label={name}>
      {mode === 'edit' ? (
        <form className="library-form" aria-label={`Edit ${name}`} onSubmit={save} noValidate
          onKeyDown={(e) => { if (e.key === 'Escape') close('edit'); }}>
          <label htmlFor={ids.name}>Name</label>
          <input id={ids.name} autoComplete="off" autoFocus value={fields.name}
            onChange={(e) => setFields({ ...fields, name: e.target.value })} />
          <label htmlFor={ids.path}>Folder on the server</label>
          <input id={ids.path} autoComplete="off" spellCheck={false} aria-describedby={ids.hint} value={fields.path}
            onChange={(e) => setFields({ ...fields, path: e.target.value })} />
          <p id={ids.hint} className="muted">Another folder is scanned at once: what is not in it leaves the catalog.</p>
          {problem && <p role="alert" className="problem">{problem}</p>}
          <div className="album-header__actions">
            <button type="submit" className="primary" disabled={change.isPending}>Save</button>
            <button type="button" className="link" onClick={() => close('edit')}>Cancel</button>
          </div>
        </form>
      ) : (
        <>
          <span className="library__what">
            <strong>{name}</strong> <span className="muted library__path">{library.path}</span>
            {configured && <span className="muted"> · the server's music folder, set in its configuration</span>}
          </span>
          <span className="library__actions">
            <button type="button" className="link" onClick={onScan}>Scan {name}</button>
            {!configured && <button ref={editButton} type="button" className="link" onClick={edit}>Edit {name}</button>}
            {!configured && mode === 'view' && (
              <button ref={removeButton} type="button" className="link" onClick={() => { setProblem(null); setMode('confirm'); }}>
                Remove {name}
              </button>
            )}
          </span>
        </>
      )}
      {mode === 'confirm' && (
        <div className="user__confirm" role="group" aria-label={`Confirm removing ${name}`}>
          <p>
            Remove {name}? Its albums and tracks leave the catalog, with their likes, plays and lyrics. The files stay on
            disk in {library.path}. (A user who may see only this library keeps it: give them others first.)
          </p>
          <button type="button" className="danger" disabled={change.isPending} onClick={remove}>Yes, remove {name}</button>
          <button ref={keepButton} type="button" className="link" onClick={() => close('remove')}>Cancel</button>
        </div>
      )}
      {mode !== 'edit' && problem && <p role="alert" className="problem">{problem}</p>}
    </li>
  );
}

const NO_LIBRARY: LibraryFields = { name: '', path: '' };

/** Adds a library: a name and a folder of the server's disk, which the server checks; a refusal keeps what was typed. */
function AddLibrary() {
  const change = useLibraryChange();
  const [fields, setFields] = useState<LibraryFields>(NO_LIBRARY);
  const [problem, setProblem] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const ids = { name: useId(), path: useId(), hint: useId() };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAdded(null);
    const wrong = libraryProblem(fields);
    setProblem(wrong);
    if (wrong) return;
    change.mutate(createLibraryCall(fields), {
      onSuccess: (library) => {
        setAdded(library?.name ?? fields.name.trim());
        setFields(NO_LIBRARY);
      },
      onError: (error) => setProblem(libraryProblemMessage(error, 'The library could not be added')),
    });
  };
  return (
    <form className="library-form" aria-label="Add a library" onSubmit={submit} noValidate>
      <h3>Add a library</h3>
      <label htmlFor={ids.name}>Name</label>
      <input id={ids.name} autoComplete="off" value={fields.name} onChange={(e) => setFields({ ...fields, name: e.target.value })} />
      <label htmlFor={ids.path}>Folder on the server</label>
      <input id={ids.path} autoComplete="off" spellCheck={false} placeholder="/srv/music/jazz" aria-describedby={ids.hint}
        value={fields.path} onChange={(e) => setFields({ ...fields, path: e.target.value })} />
      <p id={ids.hint} className="muted">
        The absolute path of a folder the server can read, neither inside nor holding another library's folder. It is
        scanned as soon as it is added.
      </p>
      {problem && <p role="alert" className="problem">{problem}</p>}
      {added && <p role="status">{added} is added; its folder is being scanned.</p>}
      <div className="album-header__actions">
        <button type="submit" className="primary" disabled={change.isPending}>Add library</button>
      </div>
    </form>
  );
}
