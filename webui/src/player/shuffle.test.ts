import { describe, expect, it } from 'vitest';
import { shuffleAround, unshuffle } from './shuffle';

const order = { queue: ['a', 'b', 'c', 'd', 'e'], keys: ['ka', 'kb', 'kc', 'kd', 'ke'], index: 2 };

/** A fixed sequence in [0, 1) so the shuffle is known. */
function sequence(...values: number[]) {
  return () => values.shift() ?? 0;
}

describe('shuffleAround', () => {
  it('putsTheEntryPlayingFirstAndEveryOtherOneOnceAfterIt', () => {
    const shuffled = shuffleAround(order, sequence(0.1, 0.9, 0.5));
    expect(shuffled.index).toBe(0);
    expect(shuffled.queue[0]).toBe('c');
    expect([...shuffled.queue].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(shuffled.keys).toEqual(shuffled.queue.map((t) => `k${t}`)); // keys travel with their entries
  });

  it('movesTheOthersAccordingToTheRandomSource', () => {
    // Fisher–Yates over [a, b, d, e]: i=3 j=0 → [e, b, d, a]; i=2 j=2 → same; i=1 j=0 → [b, e, d, a]
    expect(shuffleAround(order, sequence(0, 0.9, 0)).queue).toEqual(['c', 'b', 'e', 'd', 'a']);
  });

  it('leavesAnEmptyQueueAsItIs', () => {
    const empty = { queue: [], keys: [], index: 0 };
    expect(shuffleAround(empty)).toBe(empty);
  });
});

describe('unshuffle', () => {
  it('restoresTheOrderBeforeWithTheEntryPlayingStillCurrent', () => {
    const shuffled = shuffleAround(order, sequence(0.3, 0.7, 0.2));
    const back = unshuffle({ ...shuffled, index: 3 }, order.keys);
    expect(back.queue).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(back.keys[back.index]).toBe(shuffled.keys[3]);
  });

  it('leavesOutEntriesRemovedAndKeepsEntriesAddedAfterTheRest', () => {
    const now = { queue: ['c', 'x', 'a', 'e'], keys: ['kc', 'kx', 'ka', 'ke'], index: 1 };
    const back = unshuffle(now, order.keys);
    expect(back.queue).toEqual(['a', 'c', 'e', 'x']);
    expect(back.index).toBe(3);
  });
});
