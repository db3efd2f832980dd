/**
 * Ratings (0–5 stars; 0 = none) of tracks, albums and artists: the requests that set them (docs/api.md, "Likes,
 * settings and sync"), the sync event an answer stands for, what a star control shows while a change is on its way,
 * and the sending of only the latest of quick changes. Pure; the control is StarRating.tsx.
 */
import type { Kind, SyncEvent } from './state';

export const MAX_STARS = 5;
export const STARS = [1, 2, 3, 4, 5] as const;

/** The server's answer to a PUT or DELETE of a rating. */
export interface RatingAnswer {
  type: Kind;
  id: number;
  rating: number;
  seq: number;
}

/** The request that gives {@code id} {@code rating} stars: a PUT, or a DELETE for 0 (the rating removed). */
export function ratingRequest(kind: Kind, id: number, rating: number): { path: string; method: 'PUT' | 'DELETE'; body?: { rating: number } } {
  if (!Number.isInteger(rating) || rating < 0 || rating > MAX_STARS) {
    throw new RangeError(`A rating is a whole number of stars from 0 to ${MAX_STARS}, not ${rating}`);
  }
  const path = `/api/v1/user/ratings/${kind}/${id}`;
  return rating === 0 ? { path, method: 'DELETE' } : { path, method: 'PUT', body: { rating } };
}

/** The event a REST answer stands for (the server does not echo a device's own changes to it). */
export function ratingEvent(answer: RatingAnswer): SyncEvent {
  return { seq: answer.seq, type: 'rating.changed', payload: { type: answer.type, id: answer.id, rating: answer.rating } };
}

/** The accessible name of the star that gives {@code name} {@code stars} stars: "Rate Opening 4 stars". */
export function starLabel(name: string, stars: number): string {
  return `Rate ${name} ${stars} ${stars === 1 ? 'star' : 'stars'}`;
}

/** The current rating in words, announced with the control. */
export function ratingSummary(rating: number): string {
  return rating === 0 ? 'Not rated' : `Rated ${rating} of ${MAX_STARS} stars`;
}

/**
 * A rating this device chose and has not seen in the synced state yet: {@code seq} is the answer's once the server
 * took it (undefined while on its way).
 */
export interface Pending {
  rating: number;
  seq?: number;
}

/**
 * What the control shows: the rating chosen here until the synced state has caught up with the server's answer to
 * it (its `seq`), then the synced rating — which by then holds it, or a later change from another device.
 */
export function shownRating(synced: number, syncedSeq: number, pending: Pending | null): number {
  if (!pending) return synced;
  if (pending.seq === undefined || syncedSeq < pending.seq) return pending.rating;
  return synced;
}

/**
 * The pending rating once the server answered {@code seq} for {@code rating}: it gets the seq when it is still the
 * rating chosen; a newer choice stays on its way.
 */
export function answered(pending: Pending | null, rating: number, seq: number): Pending | null {
  return pending && pending.rating === rating && pending.seq === undefined ? { rating, seq } : pending;
}

/**
 * Sends values one at a time, and of those chosen while one is on its way only the last: clicking (or arrowing)
 * through 1, 2, 3, 4 stars sends 1, then 4. The returned promise settles when nothing more is to be sent; a failure
 * drops what was waiting (the control then shows the synced rating again) and rejects.
 */
export function latestWins<T>(send: (value: T) => Promise<void>): (value: T) => Promise<void> {
  let wanted: { value: T } | null = null;
  let running: Promise<void> | null = null;
  return (value: T) => {
    wanted = { value };
    running ??= (async () => {
      try {
        while (wanted) {
          const next = wanted.value;
          wanted = null;
          await send(next);
        }
      } finally {
        wanted = null;
        running = null;
      }
    })();
    return running;
  };
}
