import { describe, expect, it } from 'vitest';
import { toServerStatus } from './serverStatus';

describe('toServerStatus', () => {
  it('reportsUpWithComponentsWhenServerAnswers200Up', () => {
    const status = toServerStatus(200, {
      status: 'UP',
      db: 'UP',
      redis: 'UP',
      version: '0.1.0',
      uptimeSeconds: 12,
    });

    expect(status.level).toBe('up');
    expect(status.label).toBe('Server is up');
    expect(status.components).toEqual([
      { name: 'db', status: 'UP' },
      { name: 'redis', status: 'UP' },
    ]);
  });

  it('reportsDownWhenServerAnswers503Down', () => {
    const status = toServerStatus(503, { status: 'DOWN', db: 'DOWN' });

    expect(status.level).toBe('down');
    expect(status.components).toEqual([{ name: 'db', status: 'DOWN' }]);
  });

  it('neverReportsUpWhenHttpStatusIsAnError', () => {
    expect(toServerStatus(503, { status: 'UP' }).level).toBe('down');
    expect(toServerStatus(500, { status: 'UP' }).level).toBe('unknown');
  });

  it('reportsUnknownForABodyWithoutStatus', () => {
    expect(toServerStatus(200, null)).toEqual({
      level: 'unknown',
      label: 'Unexpected health response (HTTP 200)',
      components: [],
    });
    expect(toServerStatus(502, '<html>Bad gateway</html>').level).toBe('unknown');
    expect(toServerStatus(200, ['UP']).level).toBe('unknown');
  });
});

describe('toServerStatus with the checks the server sends', () => {
  it('readsEachCheckAndItsDetailFromChecks', () => {
    const status = toServerStatus(200, {
      status: 'UP',
      db: 'UP',
      library: 'UP',
      checks: { db: { status: 'UP', detail: 'embedded PostgreSQL 17.11, schema v17' }, library: { status: 'UP' } },
    });
    expect(status.level).toBe('up');
    expect(status.components).toEqual([
      { name: 'db', status: 'UP', detail: 'embedded PostgreSQL 17.11, schema v17' },
      { name: 'library', status: 'UP' },
    ]);
  });

  it('reportsDegradedNamingWhatIsDown', () => {
    const status = toServerStatus(200, {
      status: 'DEGRADED',
      db: 'UP',
      redis: 'DOWN',
      checks: { db: { status: 'UP' }, redis: { status: 'DOWN', detail: 'Redis at redis:6379 does not answer' } },
    });
    expect(status.level).toBe('degraded');
    expect(status.label).toBe('Server is up, degraded: redis down');
    expect(status.components[1]).toEqual({ name: 'redis', status: 'DOWN', detail: 'Redis at redis:6379 does not answer' });
  });

  it('reportsDownWithTheReasonOfTheCheckThatFailed', () => {
    const status = toServerStatus(503, { status: 'DOWN', db: 'DOWN', checks: { db: { status: 'DOWN', detail: 'no connection' } } });
    expect(status.level).toBe('down');
    expect(status.components).toEqual([{ name: 'db', status: 'DOWN', detail: 'no connection' }]);
  });
});
