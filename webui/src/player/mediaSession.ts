import type { Track } from '../api/types';
import { coverUrl } from '../library/queries';
import type { PlayerState } from './playerStore';

/**
 * The lock screen, notification and hardware media keys (the Media Session API): what plays, with its cover, and
 * play/pause/next/previous/seek sent back to the player.
 */
export function followMediaSession(store: { getState: () => PlayerState; subscribe: (l: (s: PlayerState, p: PlayerState) => void) => () => void },
                                   coverOf: (track: Track) => number | null | undefined = (t) => t.coverImageId): () => void {
  if (typeof navigator === 'undefined' || !('mediaSession' in navigator)) return () => {};
  const session = navigator.mediaSession;
  const handlers: [MediaSessionAction, MediaSessionActionHandler][] = [
    ['play', () => void store.getState().toggle()],
    ['pause', () => void store.getState().toggle()],
    ['nexttrack', () => void store.getState().next()],
    ['previoustrack', () => void store.getState().previous()],
    ['seekto', (d) => d.seekTime !== undefined && store.getState().seek(d.seekTime)],
  ];
  for (const [action, handler] of handlers) {
    try {
      session.setActionHandler(action, handler);
    } catch {
      // an action this browser does not support
    }
  }
  let shown: number | undefined;
  const update = (s: PlayerState) => {
    const track = s.queue[s.index];
    session.playbackState = track ? (s.playing ? 'playing' : 'paused') : 'none';
    if (track?.id === shown) return;
    shown = track?.id;
    if (!track) {
      session.metadata = null;
      return;
    }
    const cover = coverOf(track);
    session.metadata = new MediaMetadata({
      title: track.title,
      artist: track.artist,
      album: track.album,
      artwork: cover ? [256, 512].map((size) => ({ src: coverUrl(cover, size) as string, sizes: `${size}x${size}`, type: 'image/jpeg' })) : [],
    });
  };
  update(store.getState());
  return store.subscribe((s) => update(s));
}
