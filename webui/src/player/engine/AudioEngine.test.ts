import { describe, expect, it, vi } from 'vitest';
import { AudioEngine } from './AudioEngine';
import type { EngineTrack, LoadProgress } from './AudioEngine';
import { curve } from './crossfade';
import { EQ_PRESETS } from './equalizer';
import { FakeAudioContext, FakeBuffer, encodedSamples } from './fakeAudio';
import type { FakeGain, FakeSource } from './fakeAudio';
import { addToQueue, setRepeat } from './queue';

const RATE = 44100;
const LEAD = 0.05;
const manualTimer = { setInterval: () => 1, clearInterval: () => undefined };
const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** A track whose fetched bytes decode into `samples` samples, with optional trims. */
function track(id: string, extra: Partial<EngineTrack> = {}): EngineTrack {
  return { id, url: `/stream/${id}`, ...extra };
}

function trims(start: number, end: number) {
  return { gapless: { trimStartSamples: start, trimEndSamples: end, sampleRate: null, totalSamples: null } };
}

function setup(
  lengths: Record<string, number | Error>,
  options: { rate?: number; decode?: (data: ArrayBuffer) => FakeBuffer } = {},
) {
  const context = new FakeAudioContext(options.rate ?? RATE, options.decode);
  const loads: string[] = [];
  const load = vi.fn((url: string) => {
    loads.push(url);
    const id = url.replace('/stream/', '');
    const value = lengths[id];
    if (value instanceof Error) return Promise.reject(value);
    if (value === undefined) return Promise.reject(new Error(`404 ${url}`));
    return Promise.resolve(encodedSamples(value));
  });
  const engine = new AudioEngine(context, load, { scheduleLead: LEAD, timer: manualTimer });
  const events: string[] = [];
  engine.on('track', ({ entry }) => events.push(`track:${entry.track.id}`));
  engine.on('error', ({ entry }) => events.push(`error:${entry?.track.id}`));
  engine.on('ended', () => events.push('ended'));
  return { context, engine, events, loads };
}

function gainOf(context: FakeAudioContext, source: FakeSource): FakeGain {
  const gain = source.connections[0] as FakeGain | undefined;
  if (!gain || !context.gains.includes(gain)) throw new Error('source is not connected to a gain');
  return gain;
}

describe('AudioEngine graph', () => {
  it('wiresTrackGainIntoTheEqThenMasterThenAnalyserThenDestination', async () => {
    const { context, engine } = setup({ a: RATE * 10 });
    await engine.setQueue([track('a')]);
    await engine.play();

    const [source] = context.startedSources();
    const trackGain = gainOf(context, source as FakeSource);
    expect(trackGain.connections).toEqual([context.filters[0]]);
    expect(context.filters[9]?.connections).toEqual([engine.graph.master]);
    expect(engine.graph.master).toBe(context.gains[0]);
    expect(context.gains[0]?.connections).toEqual([context.analysers[0]]);
    expect(context.analysers[0]?.connections).toEqual([context.destination]);
  });
});

describe('AudioEngine gapless scheduling', () => {
  it('startsTheFirstTrackAtItsTrimmedOffsetForItsTrimmedDuration', async () => {
    const { context, engine } = setup({ a: RATE * 10 });
    await engine.setQueue([track('a', trims(1105, 695))]);
    await engine.play();

    expect(context.startedSources()[0]?.started).toEqual({
      when: LEAD,
      offset: 1105 / RATE,
      duration: (RATE * 10 - 1800) / RATE,
    });
  });

  it('startsTrack2ExactlyAtTrack1sStartPlusItsTrimmedDuration', async () => {
    const { context, engine } = setup({ a: 1_234_567, b: 2_000_001 });
    await engine.setQueue([track('a', trims(1105, 695)), track('b', trims(2112, 458))]);
    await engine.play();

    const [first, second] = context.startedSources();
    const trimmed = 1_234_567 - 1105 - 695;
    expect(second?.started?.when).toBe((first?.started?.when ?? NaN) + trimmed / RATE);
    expect(second?.started?.offset).toBe(2112 / RATE);
    expect(second?.started?.duration).toBe((2_000_001 - 2112 - 458) / RATE);
    expect(second?.buffer?.length).toBe(2_000_001);
  });

  it('schedulesTrack3FromTheIntegerSumOfTheTrimmedLengthsAfterTrack2BecomesCurrent', async () => {
    const { context, engine, events } = setup({ a: 1_000_003, b: 777_777, c: 500_000 });
    await engine.setQueue([track('a', trims(10, 20)), track('b', trims(30, 40)), track('c')]);
    await engine.play();
    const start2 = context.startedSources()[1]?.started?.when ?? NaN;

    context.currentTime = start2;
    engine.tick();
    await flush();

    const third = context.startedSources()[2];
    expect(third?.started?.when).toBe(LEAD + (1_000_003 - 30 + (777_777 - 70)) / RATE);
    expect(events).toEqual(['track:a', 'track:b']);
    expect(engine.getQueue().index).toBe(1);
  });

  it('readsTheLameTagFromMp3BytesBeforeDecodingAndTrimsDelayAndPadding', async () => {
    const mp3 = new Uint8Array(417);
    mp3.set([0xff, 0xfb, 0x90, 0x00]);
    mp3.set([...'Info'].map((c) => c.charCodeAt(0)), 36);
    mp3.set([...'LAME3.100'].map((c) => c.charCodeAt(0)), 44);
    mp3.set([0x24, 0x04, 0xc8], 44 + 21); // delay 576, padding 1224
    const context = new FakeAudioContext(RATE, () => new FakeBuffer(RATE * 5, RATE));
    const engine = new AudioEngine(context, () => Promise.resolve(mp3.buffer), {
      scheduleLead: LEAD,
      timer: manualTimer,
    });
    await engine.setQueue([track('a')]);
    await engine.play();

    expect(context.startedSources()[0]?.started).toEqual({
      when: LEAD,
      offset: (576 + 529) / RATE,
      duration: (RATE * 5 - (576 + 529) - (1224 - 529)) / RATE,
    });
  });

  it('appliesTheReplayGainOnTheTrackGainAtItsStart', async () => {
    const { context, engine } = setup({ a: RATE * 10 });
    await engine.setQueue([track('a', { replayGain: { trackGainDb: -6.0206 } })]);
    await engine.play();

    const gain = gainOf(context, context.startedSources()[0] as FakeSource).gain;
    expect(gain.calls[0]).toEqual({ kind: 'setValueAtTime', value: expect.closeTo(0.5, 5), time: LEAD });
  });

  it('repeatsOneTrackGaplesslyWithRepeatOne', async () => {
    const { context, engine } = setup({ a: RATE * 10, b: RATE * 10 });
    await engine.setQueue([track('a'), track('b')]);
    await engine.updateQueue((state) => setRepeat(state, 'one'));
    await engine.play();

    const [first, second] = context.startedSources();
    expect(second?.buffer).toBe(first?.buffer);
    expect(second?.started?.when).toBe(LEAD + 10);
  });
});

describe('AudioEngine crossfade', () => {
  it('startsTrack2CrossfadeSecondsEarlierWithOutAndInCurvesOnTheTrackGains', async () => {
    const { context, engine } = setup({ a: RATE * 60, b: RATE * 60 });
    await engine.setCrossfade(4, 'equalPower');
    await engine.setQueue([track('a'), track('b')]);
    await engine.play();

    const [first, second] = context.startedSources();
    const when = second?.started?.when ?? NaN;
    expect(when).toBeCloseTo(LEAD + 60 - 4, 9);
    const outCurves = gainOf(context, first as FakeSource).gain.curves();
    const inCurves = gainOf(context, second as FakeSource).gain.curves();
    expect(outCurves).toEqual([{ kind: 'setValueCurveAtTime', values: Array.from(curve('equalPower', 'out', 256)), time: when, duration: 4 }]);
    expect(inCurves).toEqual([{ kind: 'setValueCurveAtTime', values: Array.from(curve('equalPower', 'in', 256)), time: when, duration: 4 }]);
    expect(outCurves[0]?.values[0]).toBe(1);
    expect(inCurves[0]?.values.at(-1)).toBe(1);
  });

  it('scalesTheCurvesByEachTracksReplayGain', async () => {
    const { context, engine } = setup({ a: RATE * 60, b: RATE * 60 });
    await engine.setCrossfade(2, 'linear');
    await engine.setQueue([
      track('a', { replayGain: { trackGainDb: -6.0206 } }),
      track('b', { replayGain: { trackGainDb: -20 } }),
    ]);
    await engine.play();

    const [first, second] = context.startedSources();
    expect(gainOf(context, first as FakeSource).gain.curves()[0]?.values[0]).toBeCloseTo(0.5, 4);
    expect(gainOf(context, second as FakeSource).gain.curves()[0]?.values.at(-1)).toBeCloseTo(0.1, 6);
  });

  it('skipsTheCrossfadeBetweenConsecutiveTracksOfTheSameAlbum', async () => {
    const { context, engine } = setup({ a: RATE * 60, b: RATE * 60 });
    await engine.setCrossfade(6, 'equalPower');
    await engine.setQueue([
      track('a', { albumId: 'x', disc: 1, track: 3 }),
      track('b', { albumId: 'x', disc: 1, track: 4 }),
    ]);
    await engine.play();

    const [first, second] = context.startedSources();
    expect(second?.started?.when).toBe(LEAD + 60);
    expect(gainOf(context, first as FakeSource).gain.curves()).toEqual([]);
    expect(gainOf(context, second as FakeSource).gain.curves()).toEqual([]);
  });

  it('crossfadesBetweenTracksOfTheSameAlbumPlayedOutOfOrder', async () => {
    const { context, engine } = setup({ a: RATE * 60, b: RATE * 60 });
    await engine.setCrossfade(6, 'equalPower');
    await engine.setQueue([
      track('a', { albumId: 'x', disc: 1, track: 4 }),
      track('b', { albumId: 'x', disc: 1, track: 3 }),
    ]);
    await engine.play();

    expect(context.startedSources()[1]?.started?.when).toBeCloseTo(LEAD + 54, 9);
  });

  it('reschedulesTheNextTrackGaplessWhenCrossfadeIsTurnedOff', async () => {
    const { context, engine } = setup({ a: RATE * 60, b: RATE * 60 });
    await engine.setCrossfade(5, 'dipped');
    await engine.setQueue([track('a'), track('b')]);
    await engine.play();
    const crossfaded = context.startedSources()[1] as FakeSource;

    await engine.setCrossfade(0);

    expect(crossfaded.disconnected).toBe(true);
    expect(context.startedSources()[2]?.started?.when).toBe(LEAD + 60);
    const currentGain = gainOf(context, context.startedSources()[0] as FakeSource).gain;
    expect(currentGain.calls.at(-1)).toEqual({ kind: 'setValueAtTime', value: 1, time: 0 });
  });
});

describe('AudioEngine transport', () => {
  it('seekRestartsTheCurrentTrackAtTheOffsetAndReschedulesTheNext', async () => {
    const { context, engine } = setup({ a: RATE * 100, b: RATE * 50 });
    await engine.setQueue([track('a', trims(1000, 0)), track('b')]);
    await engine.play();
    const [oldA, oldB] = context.startedSources();
    context.currentTime = 12;

    await engine.seek(30);

    const [, , a, b] = context.startedSources();
    expect(oldA?.disconnected).toBe(true);
    expect(oldB?.disconnected).toBe(true);
    expect(a?.started).toEqual({
      when: 12 + LEAD,
      offset: (1000 + 30 * RATE) / RATE,
      duration: (RATE * 100 - 1000 - 30 * RATE) / RATE,
    });
    expect(b?.started?.when).toBe(12 + LEAD + (RATE * 100 - 1000 - 30 * RATE) / RATE);
    context.currentTime = 12 + LEAD + 5;
    expect(engine.currentTime()).toBeCloseTo(35, 9);
  });

  it('reportsThePositionFromTheContextClock', async () => {
    const { context, engine } = setup({ a: RATE * 100 });
    await engine.setQueue([track('a')]);
    await engine.play();

    context.currentTime = LEAD + 42.5;
    expect(engine.currentTime()).toBeCloseTo(42.5, 9);
    expect(engine.duration()).toBe(100);
    const times: number[] = [];
    engine.on('time', ({ position }) => times.push(position));
    engine.tick();
    expect(times).toEqual([expect.closeTo(42.5, 9)]);
  });

  it('pauseSuspendsTheContextAndPlayResumesItWithoutRescheduling', async () => {
    const { context, engine } = setup({ a: RATE * 100, b: RATE * 100 });
    await engine.setQueue([track('a'), track('b')]);
    await engine.play();

    await engine.pause();
    expect(context.state).toBe('suspended');
    expect(engine.isPlaying()).toBe(false);

    await engine.play();
    expect(context.state).toBe('running');
    expect(context.startedSources()).toHaveLength(2);
  });

  it('nextStartsTheFollowingTrackNowAndStopsTheCurrentOne', async () => {
    const { context, engine, events } = setup({ a: RATE * 100, b: RATE * 100, c: RATE * 100 });
    await engine.setQueue([track('a'), track('b'), track('c')]);
    await engine.play();
    context.currentTime = 20;

    await engine.next();

    const sources = context.startedSources();
    expect(sources[0]?.disconnected).toBe(true);
    expect(sources[2]?.buffer).toBe(sources[1]?.buffer); // b, decoded once
    expect(sources[2]?.started?.when).toBe(20 + LEAD);
    expect(sources[3]?.started?.when).toBe(20 + LEAD + 100);
    expect(events).toEqual(['track:a', 'track:b']);
  });

  it('previousRestartsTheTrackPastThreeSecondsAndGoesBackBefore', async () => {
    const { context, engine, events } = setup({ a: RATE * 100, b: RATE * 100 });
    await engine.setQueue([track('a'), track('b')], 1);
    await engine.play();

    context.currentTime = LEAD + 10;
    await engine.previous();
    expect(events).toEqual(['track:b', 'track:b']);
    expect(context.startedSources().at(-1)?.started).toEqual({ when: LEAD + 10 + LEAD, offset: 0, duration: 100 });

    context.currentTime += 1;
    await engine.previous();
    expect(events).toEqual(['track:b', 'track:b', 'track:a']);
  });

  it('emitsEndedWhenTheLastTrackHasPlayedOut', async () => {
    const { context, engine, events } = setup({ a: RATE * 10 });
    await engine.setQueue([track('a')]);
    await engine.play();

    context.currentTime = LEAD + 9.9;
    engine.tick();
    expect(events).toEqual(['track:a']);

    context.currentTime = LEAD + 10;
    context.startedSources()[0]?.end();
    expect(events).toEqual(['track:a', 'ended']);
    expect(engine.isPlaying()).toBe(false);
  });

  it('setsTheMasterGainFromVolumeAndEqPreampAndTheFilterGainsFromTheEq', () => {
    const { context, engine } = setup({});

    engine.setVolume(0.5);
    engine.setEq(EQ_PRESETS.bassBoost);

    expect(engine.graph.master.gain.value).toBeCloseTo(0.5 * 10 ** (-6 / 20), 12);
    expect(context.filters.map((f) => f.gain.value)).toEqual(EQ_PRESETS.bassBoost.gainsDb);
    engine.setVolume(7);
    expect(engine.graph.master.gain.value).toBeCloseTo(10 ** (-6 / 20), 12);
  });

  it('appliesReplayGainSettingsToTheNextScheduledTrack', async () => {
    const { context, engine } = setup({ a: RATE * 10, b: RATE * 10 });
    await engine.setQueue([track('a'), track('b', { replayGain: { trackGainDb: -20 } })]);
    await engine.play();

    await engine.setReplayGain({ mode: 'off', preampDb: 0, fallbackDb: 0, preventClipping: true });

    const rescheduled = context.startedSources().at(-1) as FakeSource;
    expect(gainOf(context, rescheduled).gain.calls[0]).toMatchObject({ value: 1 });
  });
});

describe('AudioEngine failures', () => {
  it('skipsAnUpcomingTrackThatFailsToLoadAndEmitsError', async () => {
    const { context, engine, events } = setup({ a: RATE * 10, b: new Error('HTTP 500'), c: RATE * 10 });
    await engine.setQueue([track('a'), track('b'), track('c')]);
    await engine.play();

    const [, c] = context.startedSources();
    expect(c?.started?.when).toBe(LEAD + 10);
    expect(events).toEqual(['track:a', 'error:b']);

    context.currentTime = LEAD + 10;
    engine.tick();
    expect(events).toEqual(['track:a', 'error:b', 'track:c']);
    expect(engine.getQueue().index).toBe(2);
  });

  it('skipsACurrentTrackThatFailsToDecodeWithoutThrowing', async () => {
    const context = new FakeAudioContext(RATE, (data) => {
      const samples = new DataView(data).getUint32(0);
      if (samples === 13) throw new Error('EncodingError');
      return new FakeBuffer(samples, RATE);
    });
    const lengths: Record<string, number> = { a: 13, b: RATE * 10 };
    const engine = new AudioEngine(context, (url) => Promise.resolve(encodedSamples(lengths[url] ?? 0)), {
      scheduleLead: LEAD,
      timer: manualTimer,
    });
    const errors: string[] = [];
    engine.on('error', ({ entry, error }) => errors.push(`${entry?.track.id}:${(error as Error).message}`));

    await engine.setQueue([track('a', { url: 'a' }), track('b', { url: 'b' })]);
    await expect(engine.play()).resolves.toBeUndefined();

    expect(errors).toEqual(['a:EncodingError']);
    expect(context.startedSources()[0]?.started?.when).toBe(LEAD);
    expect(engine.getQueue().index).toBe(1);
  });

  it('endsWhenEveryTrackFails', async () => {
    const { engine, events } = setup({ a: new Error('x'), b: new Error('y') });
    await engine.setQueue([track('a'), track('b')]);
    await engine.play();

    expect(events).toEqual(['error:a', 'error:b', 'ended']);
  });

  it('reportsAnErrorFromTheContextInsteadOfRejecting', async () => {
    const { context, engine, events } = setup({ a: RATE * 10 });
    const create = context.createBufferSource.bind(context);
    context.createBufferSource = () => {
      const source = create();
      source.start = () => {
        throw new Error('InvalidStateError');
      };
      return source;
    };
    await engine.setQueue([track('a')]);

    await expect(engine.play()).resolves.toBeUndefined();
    expect(events).toEqual(['error:a']);
    expect(context.sources[0]?.disconnected).toBe(true);
  });

  it('keepsPlayingWhenAListenerThrows', async () => {
    const { context, engine } = setup({ a: RATE * 10 });
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    engine.on('track', () => {
      throw new Error('listener bug');
    });
    await engine.setQueue([track('a')]);
    await engine.play();

    expect(context.startedSources()).toHaveLength(1);
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });
});

describe('AudioEngine queue edits', () => {
  it('schedulesATrackAddedAfterTheLastOneGaplessly', async () => {
    const { context, engine } = setup({ a: RATE * 10, b: RATE * 7 });
    await engine.setQueue([track('a')]);
    await engine.play();
    expect(context.startedSources()).toHaveLength(1);

    await engine.updateQueue((state) => addToQueue(state, [track('b')]));

    expect(context.startedSources()[1]?.started?.when).toBe(LEAD + 10);
  });

  it('fetchesEachTrackOnceWhileItIsCurrentOrNext', async () => {
    const { context, engine, loads } = setup({ a: RATE * 10, b: RATE * 10, c: RATE * 10 });
    await engine.setQueue([track('a'), track('b'), track('c')]);
    await engine.play();
    context.currentTime = LEAD + 10;
    engine.tick();
    await flush();

    expect(loads).toEqual(['/stream/a', '/stream/b', '/stream/c']);
  });
});

describe('AudioEngine start from a head', () => {
  const HEAD_BYTES = 1000;
  const MARGIN = 8192;

  /**
   * Files that arrive in two steps: `headSamples` decodable from the first bytes reported at once,
   * the whole file when the test calls `arrive(id)` (or fails with `fail(id)`).
   */
  function streaming(files: Record<string, { head: number; whole: number }>) {
    /** `size` bytes that the fake decoder turns into `samples` samples. */
    const bytes = (samples: number, size: number) => {
      const data = new Uint8Array(size);
      data.set(new Uint8Array(encodedSamples(samples)));
      return data.buffer;
    };
    const context = new FakeAudioContext(RATE);
    const pending = new Map<string, { resolve: (bytes: ArrayBuffer) => void; reject: (error: Error) => void }>();
    const progress = new Map<string, LoadProgress>();
    const load = (url: string, onProgress?: LoadProgress) => {
      const id = url.replace('/stream/', '');
      const file = files[id];
      if (!file) return Promise.reject(new Error(`404 ${url}`));
      return new Promise<ArrayBuffer>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        if (onProgress) {
          progress.set(id, onProgress);
          onProgress(HEAD_BYTES, () => bytes(file.head, HEAD_BYTES));
        }
      });
    };
    const engine = new AudioEngine(context, load, { scheduleLead: LEAD, timer: manualTimer, headBytes: HEAD_BYTES });
    const events: string[] = [];
    engine.on('track', ({ entry }) => events.push(`track:${entry.track.id}`));
    engine.on('error', ({ entry }) => events.push(`error:${entry?.track.id}`));
    return {
      context,
      engine,
      events,
      arrive: async (id: string) => {
        pending.get(id)?.resolve(encodedSamples(files[id]?.whole ?? 0));
        await flush();
        await flush();
      },
      fail: async (id: string) => {
        pending.get(id)?.reject(new Error('connection reset'));
        await flush();
        await flush();
      },
      /** More bytes arrived: a head of `samples` can be decoded from them. */
      more: (id: string, received: number, samples: number) =>
        progress.get(id)?.(received, (max = received) => bytes(Math.round((samples * Math.min(max, received)) / received), Math.min(max, received))),
    };
  }

  it('startsFromTheHeadBeforeTheWholeFileArrivesLeavingOutItsLastSamples', async () => {
    const { context, engine, events } = streaming({ a: { head: RATE * 10, whole: RATE * 240 } });
    await engine.setQueue([track('a')]);
    await engine.play();

    expect(context.startedSources()[0]?.started).toEqual({ when: LEAD, offset: 0, duration: (RATE * 10 - MARGIN) / RATE });
    expect(events).toEqual(['track:a']);
  });

  it('swapsTheHeadForTheWholeFileAtTheSameSampleOfTheFileAndThenSchedulesTheNextTrack', async () => {
    const { context, engine, events, arrive } = streaming({
      a: { head: RATE * 10, whole: RATE * 240 },
      b: { head: RATE * 10, whole: RATE * 5 },
    });
    await engine.setQueue([track('a', trims(1105, 695)), track('b')]);
    await engine.play();
    context.currentTime = 2; // the head has played 2 s - LEAD

    await arrive('a');

    const [head, whole] = context.startedSources();
    const swap = 2 + LEAD; // the first timeline sample a command issued now can reach
    expect(head?.stoppedAt).toBeCloseTo(swap, 9);
    expect(whole?.started?.when).toBeCloseTo(swap, 9);
    // the head played the file's samples 0..(2 s); the whole decode goes on from that sample
    expect(whole?.started?.offset).toBeCloseTo(2, 9);
    expect(whole?.started?.duration).toBeCloseTo((RATE * 240 - 695) / RATE - 2, 9);
    expect(events).toEqual(['track:a']); // the same track: no second start for the player
    expect(engine.currentTime()).toBeCloseTo(2 - LEAD - 1105 / RATE, 6); // position in the trimmed track

    await arrive('b');
    const next = context.startedSources()[2];
    // the head played the encoder delay the whole decode trims (from file sample 0): b follows the untrimmed start
    expect(next?.started?.when).toBeCloseTo(LEAD + (RATE * 240 - 695) / RATE, 9);
  });

  it('replacesAHeadThatRunsShortByALongerOneOfTheBytesReceivedSoFar', async () => {
    const { context, engine, more } = streaming({ a: { head: RATE * 10, whole: RATE * 600 } });
    await engine.setQueue([track('a')]);
    await engine.play();
    more('a', HEAD_BYTES * 4, RATE * 40);
    context.currentTime = 6; // more than 3 s left: nothing to do yet
    engine.tick();
    await flush();
    expect(context.startedSources()).toHaveLength(1);

    context.currentTime = 8; // less than 3 s of the head left
    engine.tick();
    await flush();

    const [head, longer] = context.startedSources();
    expect(head?.stoppedAt).toBeCloseTo(8 + LEAD, 9);
    expect(longer?.started?.when).toBeCloseTo(8 + LEAD, 9);
    expect(longer?.started?.offset).toBeCloseTo(8, 9);
    expect(longer?.started?.duration).toBeCloseTo((RATE * 40 - MARGIN) / RATE - 8, 9);
  });

  it('doesNotEndTheQueueWhenAHeadRunsOutBeforeTheRestArrives', async () => {
    const { context, engine, arrive } = streaming({ a: { head: RATE * 10, whole: RATE * 60 } });
    const ended = vi.fn();
    engine.on('ended', ended);
    await engine.setQueue([track('a')]);
    await engine.play();
    context.currentTime = 30;
    engine.tick();
    expect(ended).not.toHaveBeenCalled();

    await arrive('a');
    // goes on from where the head stopped sounding, after the gap the network caused
    const whole = context.startedSources()[1];
    expect(whole?.started?.when).toBeCloseTo(30 + LEAD, 9);
    expect(whole?.started?.offset).toBeCloseTo((RATE * 10 - MARGIN) / RATE, 9);
  });

  it('waitsForTheWholeFileWhenASeekGoesPastTheHead', async () => {
    const { context, engine, arrive } = streaming({ a: { head: RATE * 10, whole: RATE * 240 } });
    await engine.setQueue([track('a')]);
    await engine.play();
    const seek = engine.seek(120);
    await flush();
    expect(context.startedSources()).toHaveLength(1); // the head from the start only

    await arrive('a');
    await seek;
    const whole = context.startedSources()[1];
    expect(whole?.started?.offset).toBe(120);
  });

  it('skipsToTheNextTrackWhenTheRestOfTheFileFailsAfterItsHeadStarted', async () => {
    const { context, engine, events, fail } = streaming({
      a: { head: RATE * 10, whole: RATE * 240 },
      b: { head: RATE * 12, whole: RATE * 240 },
    });
    await engine.setQueue([track('a'), track('b')]);
    await engine.play();

    await fail('a');

    expect(events).toEqual(['track:a', 'error:a', 'track:b']);
    expect(context.startedSources().at(-1)?.buffer?.length).toBe(RATE * 12); // b's head
  });

  it('sizesTheHeadToTenSecondsOfTheFileFromItsSizeAndTheTracksDurationWithinBounds', async () => {
    const asked = async (total: number, durationSeconds: number | null) => {
      const context = new FakeAudioContext(RATE);
      const sizes: number[] = [];
      const load = (_url: string, onProgress?: LoadProgress) => {
        onProgress?.(
          total,
          (max = total) => {
            sizes.push(max);
            return encodedSamples(RATE * 20);
          },
          total,
        );
        return new Promise<ArrayBuffer>(() => undefined); // the whole file never comes
      };
      const engine = new AudioEngine(context, load, { scheduleLead: LEAD, timer: manualTimer, headBytes: 1 << 20 });
      await engine.setQueue([track('a', { durationSeconds })]);
      void engine.play();
      await flush();
      return sizes[0];
    };
    expect(await asked(24_000_000, 240)).toBe(1_000_000); // 10 s of a 240 s file
    expect(await asked(240_000, 240)).toBe(64 * 1024); // at least 64 KiB
    expect(await asked(240_000_000, 240)).toBe(1 << 20); // at most headBytes
    expect(await asked(24_000_000, null)).toBe(1 << 20); // duration unknown: headBytes
  });

  it('startsFromTheWholeFileWhenItArrivesBeforeAHeadIsWorthDecoding', async () => {
    const context = new FakeAudioContext(RATE);
    const load = (_url: string, onProgress?: LoadProgress) => {
      onProgress?.(HEAD_BYTES / 2, () => encodedSamples(RATE));
      return Promise.resolve(encodedSamples(RATE * 3));
    };
    const engine = new AudioEngine(context, load, { scheduleLead: LEAD, timer: manualTimer, headBytes: HEAD_BYTES });
    await engine.setQueue([track('a')]);
    await engine.play();

    expect(context.startedSources()).toHaveLength(1);
    expect(context.startedSources()[0]?.buffer?.length).toBe(RATE * 3);
  });
});
