import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiText, ApiError, query } from '../api/client';
import { keyMetrics, parsePrometheus, statsTiles, tiles, type AdminStats, type Scrape, type Tile } from './metrics';

/** The last two reads of `/metrics`: the rates and the recent latency are what happened between them. */
interface Scrapes {
  now: Scrape;
  before?: Scrape;
}

const METRICS_KEY = ['admin', 'metrics'] as const;
const EVERY = 15_000;

function why(error: unknown, what: string): string {
  if (error instanceof ApiError && error.status === 403) return `${what} need the ViewAnalytics permission.`;
  return error instanceof Error ? `${what} could not be read: ${error.message}` : `${what} could not be read.`;
}

function Tiles({ label, items }: { label: string; items: Tile[] }) {
  return (
    <ul className="tiles" aria-label={label}>
      {items.map((t) => (
        <li key={t.label} className="tile">
          <span className="tile__label">{t.label}</span>
          <strong className="tile__value">{t.value}</strong>
          <span className="tile__hint muted">{t.hint}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * Key numbers at a glance: the library (`/api/v1/admin/stats`, the last 7 days) and the server's live meters
 * (`/metrics`, read every 15 s with the session cookie: it answers holders of ViewAnalytics).
 */
export function ServerNumbers() {
  const client = useQueryClient();
  const stats = useQuery({
    queryKey: ['admin', 'stats', 'week'],
    queryFn: ({ signal }) => api<AdminStats>('/api/v1/admin/stats' + query({ period: 'week', limit: 1 }), { signal }),
  });
  const metrics = useQuery({
    queryKey: METRICS_KEY,
    queryFn: async ({ signal }): Promise<Scrapes> => {
      const text = await apiText('/metrics', { signal });
      const before = client.getQueryData<Scrapes>(METRICS_KEY)?.now;
      return { now: { samples: parsePrometheus(text), at: Date.now() }, before };
    },
    refetchInterval: EVERY,
    staleTime: 0,
    retry: false,
  });
  return (
    <section aria-labelledby="numbers-title">
      <h2 id="numbers-title">At a glance</h2>
      {stats.isError && <p role="alert">{why(stats.error, 'Library numbers')}</p>}
      {stats.data && <Tiles label="Library" items={statsTiles(stats.data)} />}
      {metrics.isError && <p role="alert">{why(metrics.error, 'Server metrics')}</p>}
      {metrics.data && (
        <>
          <Tiles label="Server metrics" items={tiles(keyMetrics(metrics.data.now, metrics.data.before))} />
          <p className="muted">This node's meters, read every {EVERY / 1000} s; rates need two reads. Prometheus and Grafana
            show their history (docs/metrics.md).</p>
        </>
      )}
    </section>
  );
}
