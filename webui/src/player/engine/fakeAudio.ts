import type {
  AnalyserNodeLike,
  AudioBufferLike,
  AudioBufferSourceNodeLike,
  AudioContextLike,
  AudioNodeLike,
  AudioParamLike,
  BiquadFilterNodeLike,
  GainNodeLike,
} from './audioTypes';

/**
 * Test helper: a fake AudioContext that records what the engine asks of Web Audio. Time moves
 * only when a test sets `currentTime`. Not used by the app.
 */

export type ParamCall =
  | { kind: 'setValueAtTime'; value: number; time: number }
  | { kind: 'setValueCurveAtTime'; values: number[]; time: number; duration: number }
  | { kind: 'cancelScheduledValues'; time: number };

export class FakeParam implements AudioParamLike {
  value: number;
  readonly calls: ParamCall[] = [];
  /** Pending automation events, to enforce the Web Audio rule that a curve may not overlap any. */
  private events: { time: number; end: number }[] = [];

  constructor(value: number) {
    this.value = value;
  }

  setValueAtTime(value: number, time: number): this {
    if (this.events.some((e) => e.end > e.time && time >= e.time && time < e.end)) {
      throw new Error('NotSupportedError: setValueAtTime inside a value curve');
    }
    this.events.push({ time, end: time });
    this.calls.push({ kind: 'setValueAtTime', value, time });
    return this;
  }

  setValueCurveAtTime(values: Float32Array, time: number, duration: number): this {
    if (this.events.some((e) => (e.time >= time && e.time < time + duration) || (time >= e.time && time < e.end))) {
      throw new Error('NotSupportedError: value curve overlaps another automation event');
    }
    this.events.push({ time, end: time + duration });
    this.calls.push({ kind: 'setValueCurveAtTime', values: Array.from(values), time, duration });
    return this;
  }

  cancelScheduledValues(time: number): this {
    this.events = this.events.filter((e) => e.time < time);
    this.calls.push({ kind: 'cancelScheduledValues', time });
    return this;
  }

  curves(): Extract<ParamCall, { kind: 'setValueCurveAtTime' }>[] {
    return this.calls.filter(
      (c): c is Extract<ParamCall, { kind: 'setValueCurveAtTime' }> => c.kind === 'setValueCurveAtTime',
    );
  }
}

export class FakeNode implements AudioNodeLike {
  readonly connections: AudioNodeLike[] = [];
  disconnected = false;

  constructor(readonly name: string) {}

  connect(destination: AudioNodeLike): AudioNodeLike {
    this.connections.push(destination);
    return destination;
  }

  disconnect(): void {
    this.disconnected = true;
    this.connections.length = 0;
  }
}

export class FakeGain extends FakeNode implements GainNodeLike {
  readonly gain = new FakeParam(1);
}

export class FakeFilter extends FakeNode implements BiquadFilterNodeLike {
  type: BiquadFilterType = 'lowpass';
  readonly frequency = new FakeParam(350);
  readonly Q = new FakeParam(1);
  readonly gain = new FakeParam(0);
}

export class FakeAnalyser extends FakeNode implements AnalyserNodeLike {
  fftSize = 2048;
}

export class FakeBuffer implements AudioBufferLike {
  readonly numberOfChannels = 2;

  constructor(
    readonly length: number,
    readonly sampleRate: number,
    readonly label = '',
  ) {}

  get duration(): number {
    return this.length / this.sampleRate;
  }
}

export class FakeSource extends FakeNode implements AudioBufferSourceNodeLike {
  buffer: AudioBufferLike | null = null;
  onended: ((this: never, event: Event) => unknown) | null = null;
  started: { when: number; offset: number; duration: number | undefined } | null = null;
  stoppedAt: number | null = null;

  start(when = 0, offset = 0, duration?: number): void {
    if (this.started) throw new Error('InvalidStateError: start called twice');
    this.started = { when, offset, duration };
  }

  stop(when = 0): void {
    if (!this.started) throw new Error('InvalidStateError: stop before start');
    this.stoppedAt = when;
  }

  /** What the browser does when the source has played out (or was stopped). */
  end(): void {
    (this.onended as ((event: Event) => unknown) | null)?.({} as Event);
  }
}

export class FakeAudioContext implements AudioContextLike {
  currentTime = 0;
  state: AudioContextState = 'running';
  readonly destination = new FakeNode('destination');
  readonly sources: FakeSource[] = [];
  readonly gains: FakeGain[] = [];
  readonly filters: FakeFilter[] = [];
  readonly analysers: FakeAnalyser[] = [];
  readonly decoded: ArrayBuffer[] = [];

  constructor(
    readonly sampleRate = 44100,
    /** Turns the fetched bytes into a buffer; by default the first 4 bytes are a sample count. */
    private readonly decode: (data: ArrayBuffer) => AudioBufferLike = (data) =>
      new FakeBuffer(new DataView(data).getUint32(0), sampleRate),
  ) {}

  createGain(): FakeGain {
    const node = new FakeGain(`gain${this.gains.length}`);
    this.gains.push(node);
    return node;
  }

  createBiquadFilter(): FakeFilter {
    const node = new FakeFilter(`filter${this.filters.length}`);
    this.filters.push(node);
    return node;
  }

  createAnalyser(): FakeAnalyser {
    const node = new FakeAnalyser(`analyser${this.analysers.length}`);
    this.analysers.push(node);
    return node;
  }

  createBufferSource(): FakeSource {
    const node = new FakeSource(`source${this.sources.length}`);
    this.sources.push(node);
    return node;
  }

  decodeAudioData(data: ArrayBuffer): Promise<AudioBufferLike> {
    this.decoded.push(data);
    try {
      return Promise.resolve(this.decode(data));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  resume(): Promise<void> {
    this.state = 'running';
    return Promise.resolve();
  }

  suspend(): Promise<void> {
    this.state = 'suspended';
    return Promise.resolve();
  }

  /** Sources that were started, in the order they were created. */
  startedSources(): FakeSource[] {
    return this.sources.filter((s) => s.started !== null);
  }
}

/** Bytes the default fake decoder turns into a buffer of `samples` samples. */
export function encodedSamples(samples: number): ArrayBuffer {
  const bytes = new ArrayBuffer(4);
  new DataView(bytes).setUint32(0, samples);
  return bytes;
}
