import { describe, expect, it } from 'vitest';
import type { Track } from '../api/types';
import { IDS_PER_REQUEST, queueTracks } from './queueTracks';

const track = (id: number) => ({ id, title: `t${id}` }) as unknown as Track;

function server(gone: number[] = []) {
  const requests: number[][] = [];
  const read = async (ids: number[]) => {
    requests.push(ids);
    expect(ids.length).toBeLessThanOrEqual(IDS_PER_REQUEST);
    return ids.filter((id) => !gone.includes(id)).map(track);
  };
  return { requests, read };
}

describe('queueTracks', () => {
  it('reads a 5,000-track queue in pages of 500, in order', async () => {
    const ids = Array.from({ length: 5000 }, (_, i) => 5000 - i);
    const { requests, read } = server();
    const { tracks, index } = await queueTracks(ids, 1234, read);
    expect(requests).toHaveLength(10);
    expect(tracks.map((t) => t.id)).toEqual(ids);
    expect(index).toBe(1234);
  });

  it('asks for a track queued twice once and keeps both places', async () => {
    const { requests, read } = server();
    const { tracks, index } = await queueTracks([7, 8, 7, 9], 2, read);
    expect(requests).toEqual([[7, 8, 9]]);
    expect(tracks.map((t) => t.id)).toEqual([7, 8, 7, 9]);
    expect(index).toBe(2);
  });

  it('leaves out tracks that are gone and keeps the index on the track it pointed at', async () => {
    const { read } = server([1, 2]);
    const { tracks, index } = await queueTracks([1, 2, 3, 4], 2, read);
    expect(tracks.map((t) => t.id)).toEqual([3, 4]);
    expect(index).toBe(0);
  });

  it('moves to the next track still there when the current one is gone, or to the last', async () => {
    expect((await queueTracks([1, 2, 3, 4], 1, server([2]).read)).index).toBe(1); // track 3
    const { tracks, index } = await queueTracks([1, 2, 3], 1, server([2, 3]).read);
    expect(tracks.map((t) => t.id)).toEqual([1]);
    expect(index).toBe(0);
  });
});
