import { create } from 'zustand';
import type { AlbumDetail } from '../api/types';
import { coverUrl } from '../library/queries';
import { streamUrl } from '../player/playerStore';
import { DOWNLOADS } from './cacheName';

/**
 * Albums downloaded for offline listening: each track's stream, the album's page and its covers put in the
 * downloads cache, which the service worker answers from (src/sw.ts); what was downloaded is listed in localStorage.
 * Persistent storage is asked for at the first download, so the browser does not evict them under pressure.
 */
export interface Downloaded {
  albumId: number;
  title: string;
  artist: string;
  urls: string[];
  bytes: number;
  at: string;
}

const KEY = 'resonance.downloads';

function load(): Downloaded[] {
  try {
    const list: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(list) ? (list as Downloaded[]) : [];
  } catch {
    return [];
  }
}

function save(list: Downloaded[]): void {
  localStorage.setItem(KEY, JSON.stringify(list));
}

interface DownloadsStore {
  albums: Downloaded[];
  /** Album id → tracks done of tracks, while downloading. */
  progress: Record<number, { done: number; of: number }>;
  error?: string;
  download: (detail: AlbumDetail) => Promise<void>;
  remove: (albumId: number) => Promise<void>;
}

export const useDownloads = create<DownloadsStore>((set, get) => ({
  albums: load(),
  progress: {},
  download: async (detail) => {
    const { album } = detail;
    const tracks = detail.discs.flatMap((d) => d.tracks);
    set({ error: undefined, progress: { ...get().progress, [album.id]: { done: 0, of: tracks.length } } });
    void navigator.storage?.persist?.();
    const cache = await caches.open(DOWNLOADS);
    const urls: string[] = [];
    let bytes = 0;
    try {
      const page = `/api/v1/content/albums/${album.id}`;
      await cache.put(page, new Response(JSON.stringify(detail), { headers: { 'Content-Type': 'application/json' } }));
      urls.push(page);
      for (const size of [256, 512]) {
        const cover = coverUrl(album.coverImageId, size);
        if (cover) {
          const r = await fetch(cover, { credentials: 'same-origin' });
          if (r.ok) {
            await cache.put(cover, r);
            urls.push(cover);
          }
        }
      }
      for (const [i, t] of tracks.entries()) {
        const url = streamUrl(t.id);
        const r = await fetch(url, { credentials: 'same-origin' });
        if (!r.ok) throw new Error(`${t.title}: the server answered ${r.status}`);
        const body = await r.blob();
        bytes += body.size;
        await cache.put(url, new Response(body, { headers: { 'Content-Type': r.headers.get('Content-Type') ?? 'audio/mpeg' } }));
        urls.push(url);
        set({ progress: { ...get().progress, [album.id]: { done: i + 1, of: tracks.length } } });
      }
      const entry: Downloaded = { albumId: album.id, title: album.title, artist: album.artist, urls, bytes, at: new Date().toISOString() };
      const albums = [...get().albums.filter((a) => a.albumId !== album.id), entry];
      save(albums);
      set({ albums });
    } catch (e) {
      await Promise.all(urls.map((u) => cache.delete(u)));
      set({ error: e instanceof Error ? e.message : 'The download failed' });
    } finally {
      const progress = { ...get().progress };
      delete progress[album.id];
      set({ progress });
    }
  },
  remove: async (albumId) => {
    const entry = get().albums.find((a) => a.albumId === albumId);
    if (entry) {
      const cache = await caches.open(DOWNLOADS);
      await Promise.all(entry.urls.map((u) => cache.delete(u)));
    }
    const albums = get().albums.filter((a) => a.albumId !== albumId);
    save(albums);
    set({ albums });
  },
}));
