import { describe, expect, it } from 'vitest';
import { answered, latestWins, ratingEvent, ratingRequest, ratingSummary, shownRating, starLabel } from './rating';
import { apply, fromSnapshot } from './state';

describe('rating requests', () => {
  it('putsOneToFiveStarsAndDeletesZero', () => {
    expect(ratingRequest('track', 42, 4)).toEqual({ path: '/api/v1/user/ratings/track/42', method: 'PUT', body: { rating: 4 } });
    expect(ratingRequest('artist', 5, 1)).toEqual({ path: '/api/v1/user/ratings/artist/5', method: 'PUT', body: { rating: 1 } });
    expect(ratingRequest('album', 7, 0)).toEqual({ path: '/api/v1/user/ratings/album/7', method: 'DELETE' });
  });

  it('refusesWhatIsNoRating', () => {
    for (const bad of [-1, 6, 2.5, Number.NaN]) {
      expect(() => ratingRequest('track', 1, bad)).toThrow(RangeError);
    }
  });
});

describe('rating answers as sync events', () => {
  const state = fromSnapshot({
    seq: 20,
    likes: { tracks: [], albums: [], artists: [] },
    ratings: { tracks: [{ id: 42, rating: 2 }], albums: [], artists: [] },
    settings: {},
  });

  it('anAnswerAppliedSetsTheRatingAtItsSeq', () => {
    const next = apply(state, ratingEvent({ type: 'track', id: 42, rating: 5, seq: 21 }));
    expect(next.seq).toBe(21);
    expect(next.ratings.track.get(42)).toBe(5);
  });

  it('theAnswerToADeleteRemovesTheRating', () => {
    const next = apply(state, ratingEvent({ type: 'track', id: 42, rating: 0, seq: 21 }));
    expect(next.ratings.track.has(42)).toBe(false);
  });

  it('anAlbumOrArtistRatingIsKeptApartFromTracks', () => {
    const next = apply(state, ratingEvent({ type: 'album', id: 42, rating: 3, seq: 21 }));
    expect(next.ratings.album.get(42)).toBe(3);
    expect(next.ratings.track.get(42)).toBe(2);
  });
});

describe('what the stars show', () => {
  it('namesEachStarAndTheCurrentRating', () => {
    expect(starLabel('Opening', 1)).toBe('Rate Opening 1 star');
    expect(starLabel('Opening', 4)).toBe('Rate Opening 4 stars');
    expect(ratingSummary(0)).toBe('Not rated');
    expect(ratingSummary(3)).toBe('Rated 3 of 5 stars');
  });

  it('showsTheChoiceWhileItIsOnItsWayAndUntilTheSyncedStateHasItsSeq', () => {
    expect(shownRating(2, 20, null)).toBe(2);
    expect(shownRating(2, 20, { rating: 4 })).toBe(4);
    expect(shownRating(2, 20, { rating: 4, seq: 21 })).toBe(4);
    expect(shownRating(4, 21, { rating: 4, seq: 21 })).toBe(4);
    // caught up: another device's later change wins
    expect(shownRating(1, 22, { rating: 4, seq: 21 })).toBe(1);
  });

  it('givesTheAnswersSeqOnlyToTheChoiceItAnswers', () => {
    expect(answered({ rating: 4 }, 4, 21)).toEqual({ rating: 4, seq: 21 });
    expect(answered({ rating: 5 }, 4, 21)).toEqual({ rating: 5 }); // chosen again meanwhile: still on its way
    expect(answered(null, 4, 21)).toBeNull(); // failed meanwhile: nothing pending
    expect(answered({ rating: 4, seq: 30 }, 4, 21)).toEqual({ rating: 4, seq: 30 });
  });
});

describe('latestWins', () => {
  function deferredSender() {
    const sent: number[] = [];
    const waiting: { resolve: () => void; reject: (e: Error) => void }[] = [];
    const send = (value: number) => {
      sent.push(value);
      return new Promise<void>((resolve, reject) => waiting.push({ resolve, reject }));
    };
    const settle = async (error?: Error) => {
      const w = waiting.shift()!;
      if (error) w.reject(error);
      else w.resolve();
      await new Promise((r) => setTimeout(r, 0));
    };
    return { sent, send, settle };
  }

  it('sendsAtOnceThenOnlyTheLastOfTheValuesChosenMeanwhile', async () => {
    const s = deferredSender();
    const set = latestWins(s.send);
    const first = set(1);
    void set(2);
    void set(3);
    const last = set(4);
    expect(s.sent).toEqual([1]);
    await s.settle();
    expect(s.sent).toEqual([1, 4]);
    await s.settle();
    await expect(first).resolves.toBeUndefined();
    await expect(last).resolves.toBeUndefined();
    expect(s.sent).toEqual([1, 4]);
  });

  it('startsAgainAfterItIsDone', async () => {
    const s = deferredSender();
    const set = latestWins(s.send);
    void set(1);
    await s.settle();
    void set(5);
    expect(s.sent).toEqual([1, 5]);
  });

  it('aFailureDropsWhatWasWaitingAndRejects', async () => {
    const s = deferredSender();
    const set = latestWins(s.send);
    const pending = set(1);
    void set(2).catch(() => {});
    const result = pending.catch((e: Error) => e.message);
    await s.settle(new Error('Not saved'));
    expect(await result).toBe('Not saved');
    expect(s.sent).toEqual([1]);
    void set(3);
    expect(s.sent).toEqual([1, 3]);
  });
});
