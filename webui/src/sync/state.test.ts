import { describe, expect, it } from 'vitest';
import { apply, EMPTY, fromSnapshot, order, type SyncEvent } from './state';

const snapshot = fromSnapshot({
  seq: 10,
  likes: { tracks: [1, 2], albums: [7], artists: [] },
  ratings: { tracks: [{ id: 1, rating: 4 }], albums: [], artists: [] },
  settings: { 'ui.theme': 'dark', 'playback.crossfadeSeconds': 0 },
});

const event = (seq: number, type: string, payload: Record<string, unknown>): SyncEvent => ({ seq, type, payload });

describe('sync state', () => {
  it('startsFromTheSnapshotAtItsSeq', () => {
    expect(snapshot.seq).toBe(10);
    expect([...snapshot.likes.track]).toEqual([1, 2]);
    expect(snapshot.ratings.track.get(1)).toBe(4);
  });

  it('appliesOnlyTheNextEventSkipsOldOnesAndReportsGaps', () => {
    expect(order(snapshot, event(11, 'like.added', {}))).toBe('apply');
    expect(order(snapshot, event(10, 'like.added', {}))).toBe('skip');
    expect(order(snapshot, event(3, 'like.added', {}))).toBe('skip');
    expect(order(snapshot, event(13, 'like.added', {}))).toBe('gap');
  });

  it('likesAndUnlikesPerKindWithoutChangingThePreviousState', () => {
    const liked = apply(snapshot, event(11, 'like.added', { type: 'album', id: 8, likedAt: '2026-01-01T00:00:00Z' }));
    const unliked = apply(liked, event(12, 'like.removed', { type: 'track', id: 1 }));
    expect([...unliked.likes.album]).toEqual([7, 8]);
    expect([...unliked.likes.track]).toEqual([2]);
    expect(unliked.seq).toBe(12);
    expect([...snapshot.likes.album]).toEqual([7]);
  });

  it('setsAndRemovesRatings', () => {
    const rated = apply(snapshot, event(11, 'rating.changed', { type: 'track', id: 2, rating: 5 }));
    const cleared = apply(rated, event(12, 'rating.changed', { type: 'track', id: 1, rating: 0 }));
    expect([...cleared.ratings.track.entries()]).toEqual([[2, 5]]);
  });

  it('mergesChangedSettings', () => {
    const s = apply(snapshot, event(11, 'settings.changed', { changed: { 'ui.theme': 'light' } }));
    expect(s.settings).toEqual({ 'ui.theme': 'light', 'playback.crossfadeSeconds': 0 });
  });

  it('movesSeqForEventsItDoesNotKeepAndIgnoresMalformedPayloads', () => {
    const s = apply(EMPTY, event(1, 'playlist.created', { playlistId: 9 }));
    expect(s.seq).toBe(1);
    const t = apply(s, event(2, 'like.added', { type: 'song', id: 'x' }));
    expect(t.seq).toBe(2);
    expect(t.likes).toBe(s.likes);
  });
});
