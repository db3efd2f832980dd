/**
 * The server's meters as an admin wants them at a glance. `GET /metrics` (docs/metrics.md) answers a signed-in holder
 * of ViewAnalytics with the Prometheus text exposition format 0.0.4; this module parses it and derives a handful of
 * numbers. Pure: no fetch, no clock (the caller passes the time of each scrape), so every number is unit-tested.
 */

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** One read of `/metrics`: its samples and when it was read (ms since the epoch). */
export interface Scrape {
  samples: Sample[];
  at: number;
}

function parseValue(text: string): number {
  switch (text) {
    case '+Inf':
    case 'Inf':
      return Infinity;
    case '-Inf':
      return -Infinity;
    case 'NaN':
      return NaN;
    default:
      return text.trim() === '' ? NaN : Number(text);
  }
}

/** Reads `{a="x",b="y\"z"}` from `line` at `start` (the `{`); returns the labels and the index after the `}`. */
function parseLabels(line: string, start: number): { labels: Record<string, string>; end: number } | null {
  const labels: Record<string, string> = {};
  let i = start + 1;
  for (;;) {
    while (line[i] === ' ' || line[i] === ',') i++;
    if (line[i] === '}') return { labels, end: i + 1 };
    const eq = line.indexOf('=', i);
    if (eq < 0 || line[eq + 1] !== '"') return null;
    const name = line.slice(i, eq).trim();
    let value = '';
    let j = eq + 2;
    for (; j < line.length && line[j] !== '"'; j++) {
      if (line[j] === '\\' && j + 1 < line.length) {
        const next = line[++j];
        value += next === 'n' ? '\n' : next;
      } else {
        value += line[j];
      }
    }
    if (j >= line.length) return null; // the value's quote never closed
    labels[name] = value;
    i = j + 1;
  }
}

/**
 * The samples of a Prometheus text exposition: `# HELP`/`# TYPE` comments and blank lines are skipped, label values
 * unescaped (`\\`, `\"`, `\n`), `NaN`/`+Inf`/`-Inf` read, a trailing timestamp ignored. A line that does not parse is
 * skipped rather than failing the whole read.
 */
export function parsePrometheus(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const nameEnd = line.search(/[{\s]/);
    if (nameEnd <= 0) continue;
    const name = line.slice(0, nameEnd);
    let labels: Record<string, string> = {};
    let rest: string;
    if (line[nameEnd] === '{') {
      const parsed = parseLabels(line, nameEnd);
      if (!parsed) continue;
      labels = parsed.labels;
      rest = line.slice(parsed.end);
    } else {
      rest = line.slice(nameEnd);
    }
    const [valueText] = rest.trim().split(/\s+/);
    const value = parseValue(valueText ?? '');
    if (Number.isNaN(value) && valueText !== 'NaN') continue;
    samples.push({ name, labels, value });
  }
  return samples;
}

type Filter = (labels: Record<string, string>) => boolean;

/** The samples named `name` (and matching `filter`), or none. */
function series(samples: Sample[], name: string, filter?: Filter): Sample[] {
  return samples.filter((s) => s.name === name && (!filter || filter(s.labels)));
}

/** The sum of the series named `name` (matching `filter`), or null when the server exposes none of them. */
export function total(samples: Sample[], name: string, filter?: Filter): number | null {
  const found = series(samples, name, filter).filter((s) => Number.isFinite(s.value));
  return found.length === 0 ? null : found.reduce((sum, s) => sum + s.value, 0);
}

/**
 * The `q` quantile (0–1) of a histogram from its cumulative `_bucket` series — summed over the series matching
 * `filter`, and, given an earlier scrape's samples, over only what happened since then — interpolated linearly
 * inside the bucket as Prometheus's `histogram_quantile` does. Null without observations.
 */
export function quantile(q: number, name: string, now: Sample[], before?: Sample[], filter?: Filter): number | null {
  const buckets = (samples: Sample[]) => {
    const byBound = new Map<number, number>();
    for (const s of series(samples, name + '_bucket', filter)) {
      const le = parseValue(s.labels.le ?? '');
      if (Number.isNaN(le)) continue;
      byBound.set(le, (byBound.get(le) ?? 0) + s.value);
    }
    return byBound;
  };
  const current = buckets(now);
  const earlier = before ? buckets(before) : new Map<number, number>();
  const bounds = [...current.keys()].sort((a, b) => a - b);
  const counts = bounds.map((le) => Math.max(0, (current.get(le) ?? 0) - (earlier.get(le) ?? 0)));
  const all = counts[counts.length - 1];
  if (bounds.length === 0 || !all || bounds[bounds.length - 1] !== Infinity) return null;
  const rank = q * all;
  for (let i = 0; i < bounds.length; i++) {
    const count = counts[i]!;
    if (count < rank) continue;
    const upper = bounds[i]!;
    if (upper === Infinity) return i === 0 ? null : bounds[i - 1]!; // above the last finite bound: its bound
    const lower = i === 0 ? Math.min(0, upper) : bounds[i - 1]!;
    const below = i === 0 ? 0 : counts[i - 1]!;
    return count === below ? upper : lower + ((upper - lower) * (rank - below)) / (count - below);
  }
  return null;
}

/** A counter's increase per second between two scrapes; null without an earlier one or across a restart (reset). */
export function ratePerSecond(name: string, now: Scrape, before: Scrape | undefined, filter?: Filter): number | null {
  if (!before) return null;
  const seconds = (now.at - before.at) / 1000;
  const a = total(before.samples, name, filter);
  const b = total(now.samples, name, filter);
  if (seconds <= 0 || a === null || b === null || b < a) return null;
  return (b - a) / seconds;
}

/** API calls: requests whose route is under `/api/` — not streams (as long as the listening) nor the sync socket. */
export const isApiRoute: Filter = (labels) => (labels.route ?? '').startsWith('/api/') && !(labels.route ?? '').startsWith('/api/v1/ws');
const isServerError: Filter = (labels) => (labels.status ?? '').startsWith('5');
const isHeap: Filter = (labels) => labels.area === 'heap';

/** The numbers the server page shows; null where the server exposes no such meter (or it needs two scrapes). */
export interface KeyMetrics {
  uptimeSeconds: number | null;
  streamsActive: number | null;
  transcodesRunning: number | null;
  transcodesRefused: number | null;
  syncSockets: number | null;
  requestsPerSecond: number | null;
  /** API latency p95 in seconds, over {@link apiP95Window}. */
  apiP95Seconds: number | null;
  /** `recent`: the calls since the previous scrape; `since-start`: all of them (first scrape, or none since). */
  apiP95Window: 'recent' | 'since-start' | null;
  serverErrors: number | null;
  heapUsedBytes: number | null;
  heapMaxBytes: number | null;
  cpuShare: number | null;
  dbActive: number | null;
  dbMax: number | null;
  dbPending: number | null;
  loginFailures: number | null;
}

export function keyMetrics(now: Scrape, before?: Scrape): KeyMetrics {
  const s = now.samples;
  const requests = 'http_server_requests_seconds';
  // a restart between the scrapes resets every counter: the earlier scrape then says nothing about the window
  const window = before && (total(before.samples, requests + '_count') ?? 0) <= (total(s, requests + '_count') ?? 0) ? before : undefined;
  const recentP95 = window ? quantile(0.95, requests, s, window.samples, isApiRoute) : null;
  const allP95 = recentP95 === null ? quantile(0.95, requests, s, undefined, isApiRoute) : null;
  const heapMax = series(s, 'jvm_memory_max_bytes', isHeap);
  const requestCount = total(s, requests + '_count');
  return {
    uptimeSeconds: total(s, 'process_uptime_seconds'),
    streamsActive: total(s, 'resonance_streams_active'),
    transcodesRunning: total(s, 'resonance_transcodes_running'),
    transcodesRefused: total(s, 'resonance_transcodes_refused_total'),
    syncSockets: total(s, 'resonance_sync_sockets_open'),
    requestsPerSecond: ratePerSecond(requests + '_count', now, window),
    apiP95Seconds: recentP95 ?? allP95,
    apiP95Window: recentP95 !== null ? 'recent' : allP95 !== null ? 'since-start' : null,
    serverErrors: requestCount === null ? null : (total(s, requests + '_count', isServerError) ?? 0),
    heapUsedBytes: total(s, 'jvm_memory_used_bytes', isHeap),
    // pools without a limit report -1 (G1's eden and survivor): the heap's limit is the sum of those that have one
    heapMaxBytes: heapMax.filter((x) => x.value > 0).reduce((sum, x) => sum + x.value, 0) || null,
    cpuShare: total(s, 'process_cpu_usage'),
    dbActive: total(s, 'hikaricp_connections_active'),
    dbMax: total(s, 'hikaricp_connections_max'),
    dbPending: total(s, 'hikaricp_connections_pending'),
    loginFailures: total(s, 'resonance_auth_login_failures_total'),
  };
}

// ---------------------------------------------------------------- formatting

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 || value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** A span of time: `45 s`, `12 min`, `3 h 20 min`, `4 d 2 h`. */
export function formatSpan(seconds: number): string {
  const s = Math.floor(seconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** Seconds as `850 µs`, `12 ms`, `1.25 s`. */
export function formatSeconds(seconds: number): string {
  if (seconds < 0.001) return `${Math.round(seconds * 1_000_000)} µs`;
  if (seconds < 1) return `${seconds < 0.01 ? (seconds * 1000).toFixed(1) : Math.round(seconds * 1000)} ms`;
  return `${seconds.toFixed(2)} s`;
}

export function formatPercent(share: number): string {
  return `${Math.round(share * 100)} %`;
}

export function formatRate(perSecond: number): string {
  return `${perSecond >= 10 ? Math.round(perSecond) : perSecond.toFixed(1)}/s`;
}

/** One tile of the page: a name, the value as text (or `—`), and what it means. */
export interface Tile {
  label: string;
  value: string;
  hint: string;
}

const NONE = '—';

function show(value: number | null, format: (v: number) => string = (v) => String(Math.round(v))): string {
  return value === null ? NONE : format(value);
}

/** The tiles the server page draws, in its order (docs: the report of issue 16 says why these). */
export function tiles(m: KeyMetrics): Tile[] {
  const heap = m.heapUsedBytes === null ? NONE
    : m.heapMaxBytes ? `${formatBytes(m.heapUsedBytes)} of ${formatBytes(m.heapMaxBytes)}` : formatBytes(m.heapUsedBytes);
  const db = m.dbActive === null ? NONE
    : `${m.dbActive}${m.dbMax !== null ? ` of ${m.dbMax}` : ''} busy${m.dbPending ? `, ${m.dbPending} waiting` : ''}`;
  const transcodes = m.transcodesRunning === null ? NONE
    : `${m.transcodesRunning}${m.transcodesRefused ? ` (${m.transcodesRefused} refused)` : ''}`;
  return [
    { label: 'Streams now', value: show(m.streamsActive), hint: 'Files being sent to listeners now' },
    { label: 'Transcodes now', value: transcodes, hint: 'ffmpeg processes running (and refused at the limit since the start)' },
    { label: 'Apps connected', value: show(m.syncSockets), hint: 'Sync connections open (web app tabs, mobile apps)' },
    { label: 'Requests', value: show(m.requestsPerSecond, formatRate), hint: 'Per second, between the last two reads' },
    {
      label: 'API latency p95',
      value: show(m.apiP95Seconds, formatSeconds),
      hint: `95% of API calls were answered within this${m.apiP95Window === 'since-start' ? ', since the start' : ', between the last two reads'}`,
    },
    { label: 'Server errors', value: show(m.serverErrors), hint: 'Answers with a 5xx status since the start' },
    { label: 'Memory (heap)', value: heap, hint: 'Java heap used of its limit' },
    { label: 'CPU', value: show(m.cpuShare, formatPercent), hint: "The server process's share of the machine's CPU" },
    { label: 'Database connections', value: db, hint: 'Connections of the pool in use; waiting: requests queued for one' },
    { label: 'Failed sign-ins', value: show(m.loginFailures), hint: 'Wrong passwords or disabled accounts since the start' },
    { label: 'Up for', value: show(m.uptimeSeconds, formatSpan), hint: 'Since the server process started' },
  ];
}

/** `GET /api/v1/admin/stats` (ViewAnalytics): the library and its listening over a window. */
export interface AdminStats {
  period: string;
  users: number;
  tracks: number;
  listens: number;
  listeningMs: number;
  activeUsers: number;
}

/** The library's tiles: what the metrics do not count (tracks, accounts) and the last 7 days' listening. */
export function statsTiles(stats: AdminStats): Tile[] {
  const n = (v: number) => v.toLocaleString('en');
  return [
    { label: 'Tracks', value: n(stats.tracks), hint: 'In the library' },
    { label: 'Users', value: n(stats.users), hint: 'Accounts on this server' },
    { label: 'Listeners this week', value: n(stats.activeUsers), hint: 'Users who listened in the last 7 days' },
    { label: 'Listens this week', value: n(stats.listens), hint: 'Plays that counted as listens in the last 7 days' },
    { label: 'Listening this week', value: formatSpan(stats.listeningMs / 1000), hint: 'Time listened in the last 7 days' },
  ];
}
