import { describe, expect, it } from 'vitest';
import {
  formatBytes, formatPercent, statsTiles, formatRate, formatSeconds, formatSpan, keyMetrics, parsePrometheus, quantile, ratePerSecond,
  tiles, total, type Scrape,
} from './metrics';

/** A scrape as Micrometer's PrometheusMeterRegistry writes it (shortened), with `n` API calls and `s` stream requests. */
function exposition(opts: { api: [number, number, number, number]; stream: number; errors: number; uptime: number }): string {
  const [b10ms, b50ms, b250ms, inf] = opts.api; // cumulative API buckets
  return `# HELP http_server_requests_seconds Requests
# TYPE http_server_requests_seconds histogram
http_server_requests_seconds_bucket{method="GET",route="/api/v1/content/albums",status="200",le="0.01"} ${b10ms}
http_server_requests_seconds_bucket{method="GET",route="/api/v1/content/albums",status="200",le="0.05"} ${b50ms}
http_server_requests_seconds_bucket{method="GET",route="/api/v1/content/albums",status="200",le="0.25"} ${b250ms}
http_server_requests_seconds_bucket{method="GET",route="/api/v1/content/albums",status="200",le="+Inf"} ${inf}
http_server_requests_seconds_count{method="GET",route="/api/v1/content/albums",status="200"} ${inf}
http_server_requests_seconds_sum{method="GET",route="/api/v1/content/albums",status="200"} 1.5
http_server_requests_seconds_bucket{method="GET",route="/stream/{trackId}",status="206",le="0.01"} 0
http_server_requests_seconds_bucket{method="GET",route="/stream/{trackId}",status="206",le="0.05"} 0
http_server_requests_seconds_bucket{method="GET",route="/stream/{trackId}",status="206",le="0.25"} 0
http_server_requests_seconds_bucket{method="GET",route="/stream/{trackId}",status="206",le="+Inf"} ${opts.stream}
http_server_requests_seconds_count{method="GET",route="/stream/{trackId}",status="206"} ${opts.stream}
http_server_requests_seconds_count{method="POST",route="/api/v1/user/plays",status="503"} ${opts.errors}
# HELP http_server_requests_seconds_max Requests
# TYPE http_server_requests_seconds_max gauge
http_server_requests_seconds_max{method="GET",route="/api/v1/content/albums",status="200"} 0.2
# TYPE resonance_streams_active gauge
resonance_streams_active 2.0
# TYPE resonance_transcodes_running gauge
resonance_transcodes_running 1.0
# TYPE resonance_transcodes_refused_total counter
resonance_transcodes_refused_total{limit="node"} 3.0
resonance_transcodes_refused_total{limit="user"} 1.0
resonance_sync_sockets_open 4.0
resonance_auth_login_failures_total 7.0
jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 5.0E7
jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 1.5E8
jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9.0E7
jvm_memory_max_bytes{area="heap",id="G1 Eden Space"} -1.0
jvm_memory_max_bytes{area="heap",id="G1 Old Gen"} 1.073741824E9
jvm_memory_max_bytes{area="heap",id="G1 Survivor Space"} -1.0
jvm_memory_max_bytes{area="nonheap",id="Metaspace"} -1.0
process_cpu_usage 0.125
process_uptime_seconds ${opts.uptime}
hikaricp_connections_active{pool="resonance"} 1.0
hikaricp_connections_max{pool="resonance"} 10.0
hikaricp_connections_pending{pool="resonance"} 0.0
`;
}

describe('the Prometheus text format', () => {
  it('readsNamesLabelsAndValues', () => {
    const samples = parsePrometheus('# HELP x A thing\n# TYPE x gauge\nx 1\ny{a="1",b="two"} 2.5E3 1712345678000\n\nz{} -3\n');
    expect(samples).toEqual([
      { name: 'x', labels: {}, value: 1 },
      { name: 'y', labels: { a: '1', b: 'two' }, value: 2500 },
      { name: 'z', labels: {}, value: -3 },
    ]);
  });

  it('unescapesLabelValuesWithCommasBracesAndQuotes', () => {
    const [sample] = parsePrometheus('m{path="a,b}c",q="say \\"hi\\"",nl="1\\n2",bs="C:\\\\x",} 4');
    expect(sample!.labels).toEqual({ path: 'a,b}c', q: 'say "hi"', nl: '1\n2', bs: 'C:\\x' });
    expect(sample!.value).toBe(4);
  });

  it('readsInfinitiesAndNaNAndSkipsLinesThatDoNotParse', () => {
    const samples = parsePrometheus('a +Inf\nb -Inf\nc NaN\nbroken{x="1 5\nd words\ne 6\r\n');
    expect(samples.map((s) => [s.name, s.value])).toEqual([['a', Infinity], ['b', -Infinity], ['c', NaN], ['e', 6]]);
  });

  it('sumsSeriesByNameAndLabelsAndKnowsWhatIsAbsent', () => {
    const samples = parsePrometheus(exposition({ api: [1, 2, 3, 4], stream: 0, errors: 0, uptime: 1 }));
    expect(total(samples, 'resonance_transcodes_refused_total')).toBe(4);
    expect(total(samples, 'resonance_transcodes_refused_total', (l) => l.limit === 'user')).toBe(1);
    expect(total(samples, 'no_such_meter')).toBeNull();
  });
});

describe('histogram quantiles', () => {
  const samples = parsePrometheus(exposition({ api: [50, 90, 100, 100], stream: 5, errors: 0, uptime: 1 }));
  const api = (l: Record<string, string>) => (l.route ?? '').startsWith('/api/');

  it('interpolateInsideTheBucketAsPrometheusDoes', () => {
    // rank 95 of 100: in (0.05, 0.25], 5 of its 10 observations → 0.05 + 0.2 × 5/10
    expect(quantile(0.95, 'http_server_requests_seconds', samples, undefined, api)).toBeCloseTo(0.15, 10);
    // rank 50: the first bucket holds exactly 50 → its upper bound
    expect(quantile(0.5, 'http_server_requests_seconds', samples, undefined, api)).toBeCloseTo(0.01, 10);
  });

  it('takeOnlyWhatHappenedSinceTheEarlierScrape', () => {
    const before = parsePrometheus(exposition({ api: [50, 90, 100, 100], stream: 5, errors: 0, uptime: 1 }));
    const after = parsePrometheus(exposition({ api: [50, 90, 100, 110], stream: 5, errors: 0, uptime: 2 }));
    // the 10 new calls all took longer than 250 ms: the quantile is the last finite bound
    expect(quantile(0.95, 'http_server_requests_seconds', after, before, api)).toBe(0.25);
    expect(quantile(0.95, 'http_server_requests_seconds', before, before, api)).toBeNull(); // nothing new
  });

  it('isNullWithoutObservations', () => {
    expect(quantile(0.95, 'nothing', samples)).toBeNull();
  });
});

describe('key metrics', () => {
  const first: Scrape = { at: 0, samples: parsePrometheus(exposition({ api: [50, 90, 100, 100], stream: 20, errors: 2, uptime: 3700 })) };
  const second: Scrape = { at: 10_000, samples: parsePrometheus(exposition({ api: [80, 120, 130, 130], stream: 30, errors: 2, uptime: 3710 })) };

  it('readTheGaugesAndCountersAnAdminLooksAt', () => {
    const m = keyMetrics(first);
    expect(m).toMatchObject({
      uptimeSeconds: 3700, streamsActive: 2, transcodesRunning: 1, transcodesRefused: 4, syncSockets: 4, serverErrors: 2,
      heapUsedBytes: 2e8, heapMaxBytes: 1073741824, cpuShare: 0.125, dbActive: 1, dbMax: 10, dbPending: 0, loginFailures: 7,
    });
  });

  it('needTwoScrapesForARateAndLeaveStreamsOutOfTheApiLatency', () => {
    expect(keyMetrics(first).requestsPerSecond).toBeNull();
    const m = keyMetrics(second, first);
    expect(m.requestsPerSecond).toBeCloseTo(4, 10); // (30 API + 10 stream requests) in 10 s
    // the 30 new API calls: 30 under 10 ms → p95 inside the first bucket (0 .. 0.01)
    expect(m.apiP95Seconds).toBeCloseTo(0.0095, 10);
    expect(m.apiP95Window).toBe('recent');
    expect(keyMetrics(first).apiP95Window).toBe('since-start');
  });

  it('ignoreAnEarlierScrapeFromBeforeARestart', () => {
    const restarted: Scrape = { at: 20_000, samples: parsePrometheus(exposition({ api: [1, 1, 1, 1], stream: 0, errors: 0, uptime: 5 })) };
    const m = keyMetrics(restarted, second);
    expect(m.requestsPerSecond).toBeNull();
    expect(m.apiP95Window).toBe('since-start');
  });

  it('areNullForMetersTheServerDoesNotExpose', () => {
    const m = keyMetrics({ at: 0, samples: parsePrometheus('process_uptime_seconds 5\n') });
    expect(m.streamsActive).toBeNull();
    expect(m.serverErrors).toBeNull();
    expect(m.heapMaxBytes).toBeNull();
    expect(tiles(m).find((t) => t.label === 'Streams now')!.value).toBe('—');
    expect(tiles(m).find((t) => t.label === 'Up for')!.value).toBe('5 s');
  });

  it('drawTilesWithUnits', () => {
    const byLabel = Object.fromEntries(tiles(keyMetrics(second, first)).map((t) => [t.label, t.value]));
    expect(byLabel).toMatchObject({
      'Streams now': '2',
      'Transcodes now': '1 (4 refused)',
      Requests: '4.0/s',
      'API latency p95': '9.5 ms',
      'Server errors': '2',
      'Memory (heap)': '191 MiB of 1.0 GiB',
      CPU: '13 %',
      'Database connections': '1 of 10 busy',
      'Up for': '1 h 1 min',
    });
  });
});

describe('formatting', () => {
  it('formatsBytesUptimeSecondsPercentAndRates', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(300 * 1024 * 1024)).toBe('300 MiB');
    expect(formatSpan(59)).toBe('59 s');
    expect(formatSpan(125)).toBe('2 min');
    expect(formatSpan(3 * 3600 + 20 * 60)).toBe('3 h 20 min');
    expect(formatSpan(4 * 86400 + 2 * 3600 + 5)).toBe('4 d 2 h');
    expect(formatSeconds(0.0004)).toBe('400 µs');
    expect(formatSeconds(0.0095)).toBe('9.5 ms');
    expect(formatSeconds(0.25)).toBe('250 ms');
    expect(formatSeconds(1.25)).toBe('1.25 s');
    expect(formatPercent(0.125)).toBe('13 %');
    expect(formatRate(0.25)).toBe('0.3/s');
    expect(formatRate(42.4)).toBe('42/s');
  });

  it('computesARatePerSecondBetweenScrapes', () => {
    const a: Scrape = { at: 1000, samples: parsePrometheus('c_total 10\n') };
    const b: Scrape = { at: 3000, samples: parsePrometheus('c_total 16\n') };
    expect(ratePerSecond('c_total', b, a)).toBe(3);
    expect(ratePerSecond('c_total', a, b)).toBeNull(); // went down: a restart
    expect(ratePerSecond('c_total', b, undefined)).toBeNull();
  });
});

describe('library numbers', () => {
  it('showTracksUsersAndTheWeeksListening', () => {
    const t = statsTiles({ period: 'week', users: 3, tracks: 12345, listens: 40, listeningMs: 2 * 3600_000 + 5 * 60_000, activeUsers: 2 });
    expect(t.map((x) => [x.label, x.value])).toEqual([
      ['Tracks', '12,345'],
      ['Users', '3'],
      ['Listeners this week', '2'],
      ['Listens this week', '40'],
      ['Listening this week', '2 h 5 min'],
    ]);
  });
});
