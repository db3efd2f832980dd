/**
 * The play queue as pure functions over an immutable state.
 *
 * - `items` is the queue in its original (unshuffled) order; every entry has an `entryId` that
 *   stays with it through moves and shuffles, so the same track queued twice is two entries.
 * - `order` is the play order as entry ids: the ids of `items` when shuffle is off, a
 *   permutation when it is on. `index` is the position of the current entry in `order`
 *   (−1 when the queue is empty).
 * - Shuffling uses a seeded generator kept in the state (`seed`), so the same seed gives the
 *   same order: tests are deterministic and a reload can restore a shuffle.
 */

export type RepeatMode = 'off' | 'all' | 'one';

export interface QueueEntry<T> {
  readonly entryId: string;
  readonly track: T;
}

export interface QueueState<T> {
  readonly items: readonly QueueEntry<T>[];
  readonly order: readonly string[];
  readonly index: number;
  readonly repeat: RepeatMode;
  readonly shuffle: boolean;
  /** State of the shuffle generator, advanced by every shuffle. */
  readonly seed: number;
  /** Counter for the next entry id. */
  readonly nextId: number;
}

/** Within this many seconds of its start, previous() goes to the previous track. */
export const RESTART_THRESHOLD_SECONDS = 3;

export function emptyQueue<T>(seed = 1): QueueState<T> {
  return { items: [], order: [], index: -1, repeat: 'off', shuffle: false, seed, nextId: 1 };
}

/** mulberry32: a small 32-bit generator; returns a number in [0, 1) and the next seed. */
export function random(seed: number): [number, number] {
  const next = (seed + 0x6d2b79f5) | 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [((t ^ (t >>> 14)) >>> 0) / 4294967296, next];
}

/** Fisher–Yates shuffle with the seeded generator. */
export function shuffled<V>(values: readonly V[], seed: number): [V[], number] {
  const result = [...values];
  let state = seed;
  for (let i = result.length - 1; i > 0; i--) {
    const [r, nextState] = random(state);
    state = nextState;
    const j = Math.floor(r * (i + 1));
    const a = result[i] as V;
    result[i] = result[j] as V;
    result[j] = a;
  }
  return [result, state];
}

function entries<T>(state: QueueState<T>, tracks: readonly T[]): [QueueEntry<T>[], number] {
  let nextId = state.nextId;
  const created = tracks.map((track) => ({ entryId: `q${nextId++}`, track }));
  return [created, nextId];
}

function ids<T>(items: readonly QueueEntry<T>[]): string[] {
  return items.map((item) => item.entryId);
}

/** The current entry, or null when the queue is empty. */
export function current<T>(state: QueueState<T>): QueueEntry<T> | null {
  const id = state.order[state.index];
  return id === undefined ? null : (state.items.find((item) => item.entryId === id) ?? null);
}

/** The entries in play order (what a queue view shows). */
export function playOrder<T>(state: QueueState<T>): QueueEntry<T>[] {
  const byId = new Map(state.items.map((item) => [item.entryId, item]));
  return state.order.flatMap((id) => {
    const item = byId.get(id);
    return item ? [item] : [];
  });
}

/** Replaces the queue with `tracks`, `startIndex` current; keeps repeat and shuffle. */
export function setQueue<T>(state: QueueState<T>, tracks: readonly T[], startIndex = 0): QueueState<T> {
  const [items, nextId] = entries(state, tracks);
  if (items.length === 0) return { ...state, items, order: [], index: -1, nextId };
  const start = Math.min(Math.max(0, Math.floor(startIndex)), items.length - 1);
  if (!state.shuffle) return { ...state, items, order: ids(items), index: start, nextId };
  const startId = items[start]?.entryId as string;
  const [rest, seed] = shuffled(
    ids(items).filter((id) => id !== startId),
    state.seed,
  );
  return { ...state, items, order: [startId, ...rest], index: 0, nextId, seed };
}

/** Inserts `tracks` right after the current entry (in the original order too). */
export function playNext<T>(state: QueueState<T>, tracks: readonly T[]): QueueState<T> {
  const [added, nextId] = entries(state, tracks);
  if (added.length === 0) return state;
  const cur = current(state);
  if (!cur) {
    const items = [...state.items, ...added];
    return { ...state, items, order: state.shuffle ? [...state.order, ...ids(added)] : ids(items), index: 0, nextId };
  }
  const itemAt = state.items.findIndex((item) => item.entryId === cur.entryId) + 1;
  const items = [...state.items.slice(0, itemAt), ...added, ...state.items.slice(itemAt)];
  const order = state.shuffle
    ? [...state.order.slice(0, state.index + 1), ...ids(added), ...state.order.slice(state.index + 1)]
    : ids(items);
  return { ...state, items, order, nextId };
}

/** Appends `tracks` at the end of the queue (shuffled or not). */
export function addToQueue<T>(state: QueueState<T>, tracks: readonly T[]): QueueState<T> {
  const [added, nextId] = entries(state, tracks);
  if (added.length === 0) return state;
  const items = [...state.items, ...added];
  return {
    ...state,
    items,
    order: [...state.order, ...ids(added)],
    index: state.index < 0 ? 0 : state.index,
    nextId,
  };
}

/**
 * Removes an entry. Removing the current entry makes the following one current (the previous
 * one when it was the last).
 */
export function remove<T>(state: QueueState<T>, entryId: string): QueueState<T> {
  const position = state.order.indexOf(entryId);
  if (position < 0) return state;
  const items = state.items.filter((item) => item.entryId !== entryId);
  const order = state.order.filter((id) => id !== entryId);
  let index = position < state.index ? state.index - 1 : state.index;
  index = order.length === 0 ? -1 : Math.min(index, order.length - 1);
  return { ...state, items, order, index };
}

/** Moves the entry at play-order position `from` to position `to`; the current entry stays current. */
export function move<T>(state: QueueState<T>, from: number, to: number): QueueState<T> {
  const length = state.order.length;
  if (from < 0 || from >= length || from === to) return state;
  const target = Math.min(Math.max(0, to), length - 1);
  const currentId = state.order[state.index];
  const order = [...state.order];
  const [moved] = order.splice(from, 1);
  if (moved === undefined) return state;
  order.splice(target, 0, moved);
  const index = currentId === undefined ? state.index : order.indexOf(currentId);
  if (state.shuffle) return { ...state, order, index };
  const byId = new Map(state.items.map((item) => [item.entryId, item]));
  const items = order.map((id) => byId.get(id) as QueueEntry<T>);
  return { ...state, items, order, index };
}

/**
 * Shuffle on: the current entry comes first and everything else follows in a random order drawn
 * from `seed`. Shuffle off: back to the original order, at the current entry.
 */
export function toggleShuffle<T>(state: QueueState<T>, seed: number = state.seed): QueueState<T> {
  const cur = current(state);
  if (state.shuffle) {
    const order = ids(state.items);
    return { ...state, shuffle: false, order, index: cur ? order.indexOf(cur.entryId) : -1 };
  }
  if (!cur) return { ...state, shuffle: true, seed };
  const [rest, nextSeed] = shuffled(
    ids(state.items).filter((id) => id !== cur.entryId),
    seed,
  );
  return { ...state, shuffle: true, order: [cur.entryId, ...rest], index: 0, seed: nextSeed };
}

export function setRepeat<T>(state: QueueState<T>, repeat: RepeatMode): QueueState<T> {
  return { ...state, repeat };
}

/** Makes the entry `entryId` current. */
export function jumpTo<T>(state: QueueState<T>, entryId: string): QueueState<T> {
  const index = state.order.indexOf(entryId);
  return index < 0 ? state : { ...state, index };
}

/**
 * The state after the current track. `auto` (the track played out) honours repeat one by
 * staying; `user` (the next button) always moves on and wraps around with repeat one or all.
 * Null at the end of the queue without repeat, and for an empty queue.
 */
export function next<T>(state: QueueState<T>, reason: 'auto' | 'user' = 'user'): QueueState<T> | null {
  if (state.order.length === 0) return null;
  if (reason === 'auto' && state.repeat === 'one') return state;
  if (state.index + 1 < state.order.length) return { ...state, index: state.index + 1 };
  return state.repeat === 'off' ? null : { ...state, index: 0 };
}

/**
 * The previous button at `positionSeconds` into the current track: past 3 s it restarts the
 * track (`restart: true`, same state); otherwise it goes to the previous entry, wrapping around
 * with repeat, and restarts the first track without repeat.
 */
export function previous<T>(
  state: QueueState<T>,
  positionSeconds: number,
): { state: QueueState<T>; restart: boolean } {
  if (state.order.length === 0) return { state, restart: false };
  if (positionSeconds > RESTART_THRESHOLD_SECONDS) return { state, restart: true };
  if (state.index > 0) return { state: { ...state, index: state.index - 1 }, restart: false };
  if (state.repeat === 'off') return { state, restart: true };
  return { state: { ...state, index: state.order.length - 1 }, restart: false };
}

/**
 * The next `n` entries that will play after the current one if nothing changes (what to decode
 * ahead for gapless): the same entry again under repeat one, wrapping under repeat all.
 */
export function upcoming<T>(state: QueueState<T>, n: number): QueueEntry<T>[] {
  const result: QueueEntry<T>[] = [];
  let s: QueueState<T> | null = state;
  for (let i = 0; i < n; i++) {
    s = s ? next(s, 'auto') : null;
    const entry = s ? current(s) : null;
    if (!entry) break;
    result.push(entry);
  }
  return result;
}
