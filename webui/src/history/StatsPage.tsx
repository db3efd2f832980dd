import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, query } from '../api/client';
import { duration } from '../library/format';

/** Your listening: time and listens per period, your top tracks, artists, albums and genres, and what you played last. */
type Period = 'week' | 'month' | 'year' | 'all';
type Kind = 'tracks' | 'artists' | 'albums' | 'genres';

interface Top {
  items: { id: number; name: string; listens: number }[];
}

interface Summary {
  listens: number;
  listeningMs: number;
  tracks: number;
}

interface Recent {
  items: { trackId: number; title: string; artist: string; playCount: number; lastPlayedAt: string }[];
}

const PERIODS: { value: Period; label: string }[] = [
  { value: 'week', label: 'Last 7 days' },
  { value: 'month', label: 'Last 30 days' },
  { value: 'year', label: 'Last year' },
  { value: 'all', label: 'All time' },
];

function TopList({ kind, period, title }: { kind: Kind; period: Period; title: string }) {
  const top = useQuery({
    queryKey: ['stats', 'top', kind, period],
    queryFn: ({ signal }) => api<Top>('/api/v1/user/stats/top' + query({ kind, period, limit: 10 }), { signal }),
  });
  const items = top.data?.items ?? [];
  const most = Math.max(1, ...items.map((i) => i.listens));
  return (
    <section aria-label={title} className="top">
      <h2>{title}</h2>
      {top.isError && <p role="alert">{top.error.message}</p>}
      {top.isSuccess && items.length === 0 && <p className="muted">No listens in this period.</p>}
      <ol className="bars">
        {items.map((i) => (
          <li key={i.id}>
            <span className="bars__name">
              {kind === 'albums' ? <Link to={`/albums/${i.id}`}>{i.name}</Link> : kind === 'artists' ? <Link to={`/artists/${i.id}`}>{i.name}</Link> : i.name}
            </span>
            <span className="bars__bar" role="img" aria-label={`${i.listens} listens`}>
              <span className="bars__fill" style={{ width: `${(100 * i.listens) / most}%` }} />
            </span>
            <span className="bars__count">{i.listens}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function StatsPage() {
  const [period, setPeriod] = useState<Period>('month');
  const summary = useQuery({
    queryKey: ['stats', 'summary', period],
    queryFn: ({ signal }) => api<Summary>('/api/v1/user/stats/summary' + query({ period }), { signal }),
  });
  const recent = useQuery({
    queryKey: ['history', 'tracks'],
    queryFn: ({ signal }) => api<Recent>('/api/v1/user/history/tracks' + query({ limit: 20 }), { signal }),
  });
  return (
    <section aria-labelledby="stats-title">
      <header className="page-header">
        <h1 id="stats-title">Your listening</h1>
        <label className="sort">
          Period
          <select value={period} onChange={(e) => setPeriod(e.target.value as Period)}>
            {PERIODS.map((p) => <option key={p.value} value={p.value}>{p.label}</option>)}
          </select>
        </label>
      </header>
      {summary.isError && <p role="alert">{summary.error.message}</p>}
      {summary.data && (
        <p className="summary" aria-label="Summary">
          <strong>{summary.data.listens}</strong> listens · <strong>{duration(summary.data.listeningMs)}</strong> of music ·{' '}
          <strong>{summary.data.tracks}</strong> different tracks
        </p>
      )}
      <div className="tops">
        <TopList kind="tracks" period={period} title="Top tracks" />
        <TopList kind="artists" period={period} title="Top artists" />
        <TopList kind="albums" period={period} title="Top albums" />
        <TopList kind="genres" period={period} title="Top genres" />
      </div>
      <h2>Recently played</h2>
      {recent.data?.items.length === 0 && <p className="muted">Nothing played yet.</p>}
      <ul className="rows" aria-label="Recently played">
        {recent.data?.items.map((r) => (
          <li key={r.trackId}>{r.title} <span className="muted">· {r.artist} · {r.playCount}×</span></li>
        ))}
      </ul>
    </section>
  );
}
