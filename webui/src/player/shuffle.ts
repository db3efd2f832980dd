/**
 * Shuffle as listeners know it: the entry playing stays, the rest of the queue comes after it in a random order; turning
 * shuffle off puts the queue back in the order it had (entries added meanwhile at the end), the entry playing still
 * playing. Pure functions over the store's parallel lists (entries and their keys).
 */

export interface Order<T> {
  queue: T[];
  keys: string[];
  index: number;
}

/** The entry at {@code index} first, every other one after it in a random order (Fisher–Yates with {@code random}). */
export function shuffleAround<T>(order: Order<T>, random: () => number = Math.random): Order<T> {
  const { queue, keys, index } = order;
  if (index < 0 || index >= queue.length) return order;
  const rest = queue.map((_, i) => i).filter((i) => i !== index);
  for (let i = rest.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rest[i], rest[j]] = [rest[j] as number, rest[i] as number];
  }
  const positions = [index, ...rest];
  return { queue: positions.map((i) => queue[i] as T), keys: positions.map((i) => keys[i] as string), index: 0 };
}

/**
 * The queue in the order {@code before} lists its keys (the order before shuffling), entries gone since left out and
 * entries added since kept after them in their current order; the index follows the entry that was current.
 */
export function unshuffle<T>(order: Order<T>, before: readonly string[]): Order<T> {
  const at = new Map(order.keys.map((key, i) => [key, i]));
  const known = new Set(before);
  const positions = [...before.filter((key) => at.has(key)), ...order.keys.filter((key) => !known.has(key))].map((key) => at.get(key) as number);
  const playing = order.keys[order.index];
  const keys = positions.map((i) => order.keys[i] as string);
  return { queue: positions.map((i) => order.queue[i] as T), keys, index: playing === undefined ? order.index : keys.indexOf(playing) };
}
