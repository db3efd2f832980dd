import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchTrack } from './webAudioOutput';

/** A response streaming {@code parts} (bytes 0, 1, 2, ... in order), with the Content-Length given (or none). */
function streamed(parts: number[], contentLength: number | null): Response {
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const size = parts.shift();
      if (size === undefined) {
        controller.close();
        return;
      }
      controller.enqueue(Uint8Array.from({ length: size }, () => next++ % 251));
    },
  });
  return new Response(body, { status: 200, headers: contentLength === null ? {} : { 'Content-Length': String(contentLength) } });
}

const expected = (n: number) => Array.from({ length: n }, (_, i) => i % 251);

/** Whether {@code buffer} is bytes 0, 1, 2, ... of the stream, {@code n} of them (without building arrays of them). */
function isStream(buffer: ArrayBuffer, n: number): boolean {
  const bytes = new Uint8Array(buffer);
  return bytes.length === n && bytes.every((b, i) => b === i % 251);
}

describe('fetchTrack', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('hasTheBytesSoFarAtEachStepAndTheWholeFileAtTheEnd', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => streamed([3000, 5000, 2000], 10000)));
    const seen: { received: number; head: number[]; total?: number | null }[] = [];
    const whole = await fetchTrack('/stream/1', (received, snapshot, total) => {
      seen.push({ received, head: [...new Uint8Array(snapshot(4000))], total });
    });
    expect(seen.map((s) => s.received)).toEqual([3000, 8000, 10000]);
    expect(seen.map((s) => s.total)).toEqual([10000, 10000, 10000]);
    expect(seen[0]?.head).toEqual(expected(3000)); // no more than arrived
    expect(seen[1]?.head).toEqual(expected(4000)); // no more than asked
    expect([...new Uint8Array(whole)]).toEqual(expected(10000));
  });

  it('aSnapshotIsACopyTheDecoderMayTakeWithoutHarmingTheRest', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => streamed([100, 100], 200)));
    const whole = await fetchTrack('/stream/1', (_received, snapshot) => {
      const taken = snapshot();
      structuredClone(taken, { transfer: [taken] }); // what decodeAudioData does to the buffer it is given: detached
    });
    expect([...new Uint8Array(whole)]).toEqual(expected(200));
  });

  it('growsWhenTheLengthIsUnknownOrMoreCameThanAnnounced', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => streamed([700_000, 700_000, 10], null)));
    expect(isStream(await fetchTrack('/stream/1', () => undefined), 1_400_010)).toBe(true);
    vi.stubGlobal('fetch', vi.fn(async () => streamed([60, 60], 100)));
    expect(isStream(await fetchTrack('/stream/1', () => undefined), 120)).toBe(true);
  });

  it('saysWhatTheServerAnsweredWhenItRefuses', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{}', { status: 403 })));
    await expect(fetchTrack('/stream/1', () => undefined)).rejects.toThrow('403');
  });
});
