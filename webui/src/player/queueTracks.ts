import { api } from '../api/client';
import type { Page, Track } from '../api/types';

/** The most track ids the server reads in one request ({@code GET /api/v1/content/tracks?ids=}). */
export const IDS_PER_REQUEST = 500;

/** How many of those requests run at once (a 10,000-track queue is 20 requests, 4 at a time). */
const PARALLEL = 4;

export type ReadTracks = (ids: number[]) => Promise<Track[]>;

const readTracks: ReadTracks = async (ids) =>
  (await api<Page<Track>>(`/api/v1/content/tracks?ids=${ids.join(',')}`)).items;

/**
 * The tracks of a queue another device shared (by id), in its order, read in pages rather than one request per track,
 * and where {@code at} lands in it: tracks that are gone, or that this user may no longer see, are left out, and the
 * index follows the track it pointed at (or the next one still there, or else the last).
 */
export async function queueTracks(ids: number[], at: number, read: ReadTracks = readTracks): Promise<{ tracks: Track[]; index: number }> {
  const unique = [...new Set(ids)];
  const pages: number[][] = [];
  for (let i = 0; i < unique.length; i += IDS_PER_REQUEST) pages.push(unique.slice(i, i + IDS_PER_REQUEST));
  const found = new Map<number, Track>();
  for (let i = 0; i < pages.length; i += PARALLEL) {
    const answers = await Promise.all(pages.slice(i, i + PARALLEL).map(read));
    for (const track of answers.flat()) found.set(track.id, track);
  }
  const tracks: Track[] = [];
  let index = -1;
  ids.forEach((id, position) => {
    const track = found.get(id);
    if (position === at || (position > at && index < 0)) index = track ? tracks.length : -1;
    if (track) tracks.push(track);
  });
  return { tracks, index: index >= 0 ? index : Math.max(tracks.length - 1, 0) };
}
