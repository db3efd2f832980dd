import { describe, expect, it } from 'vitest';
import { MAX_QUEUED, PlayReporter, PROGRESS_EVERY_MS, ReportQueue, type KeyValueStore, type PlayerMoment, type QueuedReport, type SendResult } from './playReports';

const TRACK = { key: 'k1', trackId: 7, durationMs: 200_000 };
const OTHER = { key: 'k2', trackId: 8, durationMs: 100_000 };

function at(entry: typeof TRACK, playing: boolean, positionMs: number): PlayerMoment {
  return { ...entry, playing, positionMs };
}

describe('PlayReporter', () => {
  it('startsAPlayWhenAnEntryStartsPlayingNotWhenItIsOnlyCued', () => {
    const r = new PlayReporter();
    expect(r.observe(at(TRACK, false, 0), 0)).toEqual([]);
    expect(r.observe(at(TRACK, true, 0), 10)).toEqual([{ trackId: 7, event: 'started', positionMs: 0 }]);
  });

  it('reportsPauseAndResumeAtThePosition', () => {
    const r = new PlayReporter();
    r.observe(at(TRACK, true, 0), 0);
    expect(r.observe(at(TRACK, false, 12_345), 12_345)).toEqual([{ trackId: 7, event: 'paused', positionMs: 12_345 }]);
    expect(r.observe(at(TRACK, true, 12_345), 60_000)).toEqual([{ trackId: 7, event: 'resumed', positionMs: 12_345 }]);
  });

  it('reportsProgressEvery30SecondsOfPlayingAndNotBetween', () => {
    const r = new PlayReporter();
    r.observe(at(TRACK, true, 0), 0);
    const reports = [];
    for (let t = 250; t <= 65_000; t += 250) reports.push(...r.observe(at(TRACK, true, t), t));
    expect(reports).toEqual([
      { trackId: 7, event: 'progress', positionMs: PROGRESS_EVERY_MS },
      { trackId: 7, event: 'progress', positionMs: 2 * PROGRESS_EVERY_MS },
    ]);
  });

  it('reportsASeekAsProgressAtTheNewPosition', () => {
    const r = new PlayReporter();
    r.observe(at(TRACK, true, 0), 0);
    r.observe(at(TRACK, true, 1_000), 1_000);
    expect(r.observe(at(TRACK, true, 150_000), 1_250)).toEqual([{ trackId: 7, event: 'progress', positionMs: 150_000 }]);
  });

  it('endsAPlayAsFinishedNearItsEndAndSkippedBeforeWhenTheNextEntryStarts', () => {
    const finished = new PlayReporter();
    finished.observe(at(TRACK, true, 0), 0);
    finished.observe(at(TRACK, true, 199_000), 199_000);
    expect(finished.observe(at(OTHER, true, 0), 200_000)).toEqual([
      { trackId: 7, event: 'finished', positionMs: 200_000 },
      { trackId: 8, event: 'started', positionMs: 0 },
    ]);

    const skipped = new PlayReporter();
    skipped.observe(at(TRACK, true, 0), 0);
    skipped.observe(at(TRACK, true, 40_000), 40_000);
    expect(skipped.observe(at(OTHER, true, 0), 40_100)).toEqual([
      { trackId: 7, event: 'skipped', positionMs: 40_000 },
      { trackId: 8, event: 'started', positionMs: 0 },
    ]);
  });

  it('finishesThePlayWhenPlaybackStopsAtTheEndOfTheQueue', () => {
    const r = new PlayReporter();
    r.observe(at(TRACK, true, 0), 0);
    expect(r.observe(at(TRACK, false, 199_500), 199_500)).toEqual([{ trackId: 7, event: 'finished', positionMs: 200_000 }]);
    expect(r.observe(at(TRACK, false, 199_500), 200_000)).toEqual([]); // nothing in progress any more
  });

  it('playingTheSameTrackAgainAsANewEntryIsANewPlay', () => {
    const r = new PlayReporter();
    r.observe(at(TRACK, true, 0), 0);
    r.observe(at(TRACK, true, 199_000), 199_000);
    expect(r.observe({ ...TRACK, key: 'k3', playing: true, positionMs: 0 }, 200_000)).toEqual([
      { trackId: 7, event: 'finished', positionMs: 200_000 },
      { trackId: 7, event: 'started', positionMs: 0 },
    ]);
  });

  it('theSameEntryFromItsStartAgainAfterItsEndIsANewPlay', () => {
    const r = new PlayReporter();
    r.observe(at(TRACK, true, 0), 0);
    r.observe(at(TRACK, true, 199_800), 199_800);
    expect(r.observe(at(TRACK, true, 200), 200_200)).toEqual([
      { trackId: 7, event: 'finished', positionMs: 200_000 },
      { trackId: 7, event: 'started', positionMs: 200 },
    ]);
  });

  it('opensThePlayInProgressWhenTheConnectionGoesAndPausesItWhenItComesBack', () => {
    const r = new PlayReporter();
    expect(r.connectionChanged(false)).toEqual([]); // nothing playing
    r.observe(at(TRACK, true, 0), 0);
    r.observe(at(TRACK, true, 5_000), 5_000);
    expect(r.connectionChanged(false)).toEqual([{ trackId: 7, event: 'progress', positionMs: 5_000 }]);
    r.observe(at(TRACK, true, 9_000), 9_000);
    expect(r.connectionChanged(true)).toEqual([{ trackId: 7, event: 'paused', positionMs: 9_000 }]);
    r.observe(at(TRACK, false, 9_000), 9_500);
    expect(r.connectionChanged(false)).toEqual([]); // paused: nothing to open
  });
});

class MapStore implements KeyValueStore {
  readonly map = new Map<string, string>();
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
}

function report(n: number): QueuedReport {
  return { trackId: n, event: 'started', positionMs: 0, at: new Date(Date.UTC(2026, 11, 4, 10, 0, n)).toISOString() };
}

describe('ReportQueue', () => {
  it('keepsReportsInTheStoreSoANewQueueOverTheSameStoreHasThem', () => {
    const store = new MapStore();
    new ReportQueue(store, 'q').add([report(1), report(2)]);
    expect(new ReportQueue(store, 'q').items()).toEqual([report(1), report(2)]);
    expect(new ReportQueue(store, 'other').items()).toEqual([]);
  });

  it('sendsInOrderAndEmptiesTheStore', async () => {
    const store = new MapStore();
    const queue = new ReportQueue(store, 'q');
    queue.add([report(1), report(2), report(3)]);
    const sent: number[] = [];
    expect(await queue.flush(async (r) => (sent.push(r.trackId), 'sent'))).toBe(3);
    expect(sent).toEqual([1, 2, 3]);
    expect(store.map.has('q')).toBe(false);
  });

  it('stopsAtAFailureAndKeepsThatReportAndTheRestForTheNextFlush', async () => {
    const queue = new ReportQueue(new MapStore(), 'q');
    queue.add([report(1), report(2), report(3)]);
    const results: SendResult[] = ['sent', 'failed'];
    expect(await queue.flush(async () => results.shift() ?? 'sent')).toBe(1);
    expect(queue.items().map((r) => r.trackId)).toEqual([2, 3]);
    expect(await queue.flush(async () => 'sent')).toBe(2);
    expect(queue.items()).toEqual([]);
  });

  it('dropsAReportTheServerRefusesAndGoesOn', async () => {
    const queue = new ReportQueue(new MapStore(), 'q');
    queue.add([report(1), report(2)]);
    expect(await queue.flush(async (r) => (r.trackId === 1 ? 'refused' : 'sent'))).toBe(2);
    expect(queue.items()).toEqual([]);
  });

  it('keepsAReportAddedWhileOneIsOnItsWayBehindIt', async () => {
    const queue = new ReportQueue(new MapStore(), 'q');
    queue.add([report(1)]);
    const sent: number[] = [];
    await queue.flush(async (r) => {
      sent.push(r.trackId);
      if (r.trackId === 1) queue.add([report(2)]);
      return 'sent';
    });
    expect(sent).toEqual([1, 2]);
    expect(queue.items()).toEqual([]);
  });

  it('runsOneFlushAtATime', async () => {
    const queue = new ReportQueue(new MapStore(), 'q');
    queue.add([report(1)]);
    let calls = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const send = async () => {
      calls++;
      await gate;
      return 'sent' as const;
    };
    const a = queue.flush(send);
    const b = queue.flush(send);
    release();
    expect(await a).toBe(1);
    expect(await b).toBe(1);
    expect(calls).toBe(1);
  });

  it('keepsTheNewestReportsWhenFullAndSurvivesAStoreOfGarbage', () => {
    const store = new MapStore();
    const queue = new ReportQueue(store, 'q');
    queue.add(Array.from({ length: MAX_QUEUED + 5 }, (_, i) => report(i)));
    expect(queue.items()).toHaveLength(MAX_QUEUED);
    expect(queue.items()[0]?.trackId).toBe(5);
    store.setItem('q', '{not json');
    expect(queue.items()).toEqual([]);
  });
});
