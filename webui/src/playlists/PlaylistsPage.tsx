import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { duration } from '../library/format';
import { IMPORT_ACCEPT, importName, importProblem, importSummary, reasonText } from './m3u8';
import { useCreatePlaylist, useImportPlaylist, usePlaylists } from './queries';

/** An M3U8 file chosen here becomes a new playlist; the report says what matched and why the other lines did not. */
function ImportForm() {
  const importFile = useImportPlaylist();
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const choose = (chosen: File | null) => {
    setFile(chosen);
    setProblem(chosen ? importProblem(chosen) : null);
    importFile.reset();
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file || problem) return;
    const text = await file.text();
    importFile.mutate({ file, name: importName(name, file.name, text) }, {
      onSuccess: () => {
        setFile(null);
        setName('');
        if (fileInput.current) fileInput.current.value = '';
      },
    });
  };
  const report = importFile.data;
  return (
    <section aria-labelledby="import-title">
      <h2 id="import-title">Import an M3U8 playlist</h2>
      <form className="inline-form" onSubmit={(e) => void submit(e)}>
        <input ref={fileInput} type="file" accept={IMPORT_ACCEPT} aria-label="M3U8 file" onChange={(e) => choose(e.target.files?.[0] ?? null)} />
        <input aria-label="Name of the imported playlist" placeholder="Name (else the file’s)" value={name} onChange={(e) => setName(e.target.value)} />
        <button type="submit" className="primary" disabled={!file || !!problem || importFile.isPending}>Import</button>
      </form>
      {problem && <p role="alert">{problem}</p>}
      {importFile.isError && <p role="alert">{importFile.error.message}</p>}
      {report && (
        <div className="import-report">
          <p role="status">
            Imported <Link to={`/playlists/${report.playlist.id}`}>{report.playlist.name}</Link>: {importSummary(report)}.
          </p>
          {report.unmatched.length > 0 && (
            <>
              <h3 id="unmatched-title">Lines not matched</h3>
              <ol className="rows" aria-labelledby="unmatched-title">
                {report.unmatched.map((u) => (
                  <li key={u.line}>
                    Line {u.line}: <code>{u.text}</code> <span className="muted">— {reasonText(u.reason)}</span>
                  </li>
                ))}
              </ol>
            </>
          )}
        </div>
      )}
    </section>
  );
}

/** My playlists (owned and collaborating), a new one, and one imported from an M3U8 file. */
export function PlaylistsPage() {
  const playlists = usePlaylists();
  const create = useCreatePlaylist();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const made = await create.mutateAsync({ name: name.trim() });
    setName('');
    void navigate(`/playlists/${made.id}`);
  };
  return (
    <section aria-labelledby="playlists-title">
      <header className="page-header"><h1 id="playlists-title">Playlists</h1></header>
      <form className="inline-form" onSubmit={(e) => void submit(e)}>
        <input aria-label="New playlist name" placeholder="New playlist" value={name} onChange={(e) => setName(e.target.value)} required />
        <button type="submit" className="primary" disabled={create.isPending || !name.trim()}>Create</button>
        {create.isError && <span role="alert">{create.error.message}</span>}
      </form>
      {playlists.isPending && <p className="muted">Loading…</p>}
      {playlists.isError && <p role="alert">{playlists.error.message}</p>}
      <ul className="rows" aria-label="My playlists">
        {playlists.data?.items.map((p) => (
          <li key={p.id}>
            <Link to={`/playlists/${p.id}`}>{p.name}</Link>
            <span className="muted"> · {p.trackCount} tracks · {duration(p.durationMs)}{p.collaborative ? ' · collaborative' : ''}
              {p.owner.username ? ` · by ${p.owner.username}` : ''}</span>
          </li>
        ))}
      </ul>
      <ImportForm />
    </section>
  );
}
