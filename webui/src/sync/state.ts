/**
 * The user's synced state as this device knows it (docs/sync-protocol.md): likes, ratings and settings, and the
 * `seq` of the last event applied. Pure functions: the snapshot read into it, events applied to it in `seq` order.
 */
export type Kind = 'track' | 'album' | 'artist';

export interface SyncedState {
  seq: number;
  likes: Record<Kind, Set<number>>;
  ratings: Record<Kind, Map<number, number>>;
  settings: Record<string, unknown>;
}

export interface SyncEvent {
  seq: number;
  type: string;
  payload: Record<string, unknown>;
  deviceId?: number | null;
  at?: string;
}

interface IdRating {
  id: number;
  rating: number;
}

export interface Snapshot {
  seq: number;
  likes: { tracks: number[]; albums: number[]; artists: number[] };
  ratings: { tracks: IdRating[]; albums: IdRating[]; artists: IdRating[] };
  settings: Record<string, unknown>;
}

export const EMPTY: SyncedState = {
  seq: 0,
  likes: { track: new Set(), album: new Set(), artist: new Set() },
  ratings: { track: new Map(), album: new Map(), artist: new Map() },
  settings: {},
};

export function fromSnapshot(s: Snapshot): SyncedState {
  const ratings = (list: IdRating[]) => new Map(list.map((r) => [r.id, r.rating]));
  return {
    seq: s.seq,
    likes: { track: new Set(s.likes.tracks), album: new Set(s.likes.albums), artist: new Set(s.likes.artists) },
    ratings: { track: ratings(s.ratings.tracks), album: ratings(s.ratings.albums), artist: ratings(s.ratings.artists) },
    settings: { ...s.settings },
  };
}

function kind(value: unknown): Kind | null {
  return value === 'track' || value === 'album' || value === 'artist' ? value : null;
}

/** What to do with an event: apply it, skip it (already applied), or catch up first (a gap). */
export function order(state: SyncedState, event: SyncEvent): 'apply' | 'skip' | 'gap' {
  if (event.seq <= state.seq) return 'skip';
  return event.seq === state.seq + 1 ? 'apply' : 'gap';
}

/**
 * The state after {@code event} (the next in `seq` order). Events of types this client does not keep (listens,
 * playlists, plugins' own) only move `seq`; unknown types are ignored, as the protocol asks.
 */
export function apply(state: SyncedState, event: SyncEvent): SyncedState {
  const next: SyncedState = { ...state, seq: event.seq };
  const p = event.payload;
  switch (event.type) {
    case 'like.added':
    case 'like.removed': {
      const k = kind(p.type);
      if (k && typeof p.id === 'number') {
        const set = new Set(state.likes[k]);
        if (event.type === 'like.added') set.add(p.id);
        else set.delete(p.id);
        next.likes = { ...state.likes, [k]: set };
      }
      break;
    }
    case 'rating.changed': {
      const k = kind(p.type);
      if (k && typeof p.id === 'number' && typeof p.rating === 'number') {
        const map = new Map(state.ratings[k]);
        if (p.rating === 0) map.delete(p.id);
        else map.set(p.id, p.rating);
        next.ratings = { ...state.ratings, [k]: map };
      }
      break;
    }
    case 'settings.changed': {
      const changed = p.changed;
      if (changed && typeof changed === 'object') {
        next.settings = { ...state.settings, ...(changed as Record<string, unknown>) };
      }
      break;
    }
    default:
      break;
  }
  return next;
}
