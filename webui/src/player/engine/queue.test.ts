import { describe, expect, it } from 'vitest';
import {
  addToQueue,
  current,
  emptyQueue,
  jumpTo,
  move,
  next,
  playNext,
  playOrder,
  previous,
  remove,
  setQueue,
  setRepeat,
  shuffled,
  toggleShuffle,
  upcoming,
} from './queue';
import type { QueueState } from './queue';

const tracks = ['a', 'b', 'c', 'd', 'e', 'f'];
const titles = (state: QueueState<string>) => playOrder(state).map((e) => e.track);
const now = (state: QueueState<string> | null) => (state ? current(state)?.track : undefined);

describe('setQueue', () => {
  it('startsAtTheGivenIndexWithAStableIdPerEntry', () => {
    const state = setQueue(emptyQueue<string>(), ['a', 'b', 'a'], 1);

    expect(now(state)).toBe('b');
    expect(state.items.map((e) => e.entryId)).toEqual(['q1', 'q2', 'q3']);
    expect(titles(state)).toEqual(['a', 'b', 'a']);
  });

  it('clampsTheStartIndexAndHandlesAnEmptyList', () => {
    expect(now(setQueue(emptyQueue<string>(), tracks, 99))).toBe('f');
    expect(setQueue(emptyQueue<string>(), [], 0).index).toBe(-1);
  });

  it('neverReusesEntryIdsAcrossQueues', () => {
    const first = setQueue(emptyQueue<string>(), ['a', 'b']);
    const second = setQueue(first, ['c']);
    expect(second.items[0]?.entryId).toBe('q3');
  });

  it('shufflesANewQueueWithTheStartTrackFirstWhenShuffleIsOn', () => {
    const state = setQueue(toggleShuffle(emptyQueue<string>(), 42), tracks, 2);

    expect(now(state)).toBe('c');
    expect(state.index).toBe(0);
    expect([...titles(state)].sort()).toEqual(tracks);
  });
});

describe('playNext and addToQueue', () => {
  it('insertsRightAfterTheCurrentEntry', () => {
    const state = playNext(setQueue(emptyQueue<string>(), tracks, 1), ['x', 'y']);

    expect(titles(state)).toEqual(['a', 'b', 'x', 'y', 'c', 'd', 'e', 'f']);
    expect(now(state)).toBe('b');
  });

  it('appendsAtTheEnd', () => {
    const state = addToQueue(setQueue(emptyQueue<string>(), ['a', 'b'], 0), ['z']);

    expect(titles(state)).toEqual(['a', 'b', 'z']);
    expect(now(state)).toBe('a');
  });

  it('makesTheFirstAddedTrackCurrentInAnEmptyQueue', () => {
    expect(now(addToQueue(emptyQueue<string>(), ['a', 'b']))).toBe('a');
    expect(now(playNext(emptyQueue<string>(), ['a']))).toBe('a');
  });

  it('insertsAfterTheCurrentEntryInTheShuffledOrderToo', () => {
    const shuffledState = toggleShuffle(setQueue(emptyQueue<string>(), tracks, 3), 7);
    const state = playNext(shuffledState, ['x']);

    expect(titles(state)[state.index + 1]).toBe('x');
    expect(titles(toggleShuffle(state))).toEqual(['a', 'b', 'c', 'd', 'x', 'e', 'f']);
  });

  it('leavesTheStateAloneForNoTracks', () => {
    const state = setQueue(emptyQueue<string>(), tracks);
    expect(playNext(state, [])).toBe(state);
    expect(addToQueue(state, [])).toBe(state);
  });
});

describe('remove', () => {
  const state = setQueue(emptyQueue<string>(), tracks, 2); // a b [c] d e f

  it('keepsTheCurrentEntryWhenAnEarlierOneIsRemoved', () => {
    const after = remove(state, 'q1');
    expect(titles(after)).toEqual(['b', 'c', 'd', 'e', 'f']);
    expect(now(after)).toBe('c');
  });

  it('makesTheFollowingEntryCurrentWhenTheCurrentOneIsRemoved', () => {
    expect(now(remove(state, 'q3'))).toBe('d');
  });

  it('fallsBackToTheNewLastEntryWhenTheLastCurrentOneIsRemoved', () => {
    expect(now(remove(setQueue(emptyQueue<string>(), ['a', 'b'], 1), 'q2'))).toBe('a');
  });

  it('emptiesTheQueue', () => {
    expect(remove(setQueue(emptyQueue<string>(), ['a']), 'q1').index).toBe(-1);
  });

  it('ignoresAnUnknownEntry', () => {
    expect(remove(state, 'nope')).toBe(state);
  });
});

describe('move', () => {
  const state = setQueue(emptyQueue<string>(), tracks, 2); // a b [c] d e f

  it('movesAnEntryForwardAndTheCurrentEntryStaysCurrent', () => {
    const after = move(state, 0, 4);
    expect(titles(after)).toEqual(['b', 'c', 'd', 'e', 'a', 'f']);
    expect(now(after)).toBe('c');
    expect(after.index).toBe(1);
  });

  it('movesTheCurrentEntryItself', () => {
    const after = move(state, 2, 0);
    expect(titles(after)).toEqual(['c', 'a', 'b', 'd', 'e', 'f']);
    expect(after.index).toBe(0);
  });

  it('clampsTheTargetAndIgnoresABadSource', () => {
    expect(titles(move(state, 5, -3))).toEqual(['f', 'a', 'b', 'c', 'd', 'e']);
    expect(move(state, 9, 0)).toBe(state);
  });
});

describe('toggleShuffle', () => {
  const state = setQueue(emptyQueue<string>(), tracks, 3); // a b c [d] e f

  it('keepsTheCurrentTrackCurrentAndFirst', () => {
    const on = toggleShuffle(state, 1234);

    expect(on.shuffle).toBe(true);
    expect(now(on)).toBe('d');
    expect(on.index).toBe(0);
    expect([...titles(on)].sort()).toEqual(tracks);
  });

  it('isDeterministicForASeed', () => {
    expect(titles(toggleShuffle(state, 99))).toEqual(titles(toggleShuffle(state, 99)));
    expect(titles(toggleShuffle(state, 99))).not.toEqual(titles(toggleShuffle(state, 100)));
  });

  it('returnsToTheOriginalOrderAtTheCurrentTrackWhenTurnedOff', () => {
    const on = toggleShuffle(state, 5);
    const advanced = next(next(on) as QueueState<string>) as QueueState<string>;
    const off = toggleShuffle(advanced);

    expect(off.shuffle).toBe(false);
    expect(titles(off)).toEqual(tracks);
    expect(now(off)).toBe(now(advanced));
  });

  it('shufflesEveryValueExactlyOnce', () => {
    const [values] = shuffled([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 3);
    expect([...values].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});

describe('next', () => {
  const state = setQueue(emptyQueue<string>(), ['a', 'b', 'c'], 0);
  const atEnd = jumpTo(state, 'q3');

  it('movesToTheFollowingEntry', () => {
    expect(now(next(state))).toBe('b');
  });

  it('endsAfterTheLastEntryWithoutRepeat', () => {
    expect(next(atEnd)).toBeNull();
    expect(next(atEnd, 'auto')).toBeNull();
    expect(next(emptyQueue<string>())).toBeNull();
  });

  it('wrapsAroundWithRepeatAll', () => {
    expect(now(next(setRepeat(atEnd, 'all'), 'auto'))).toBe('a');
  });

  it('repeatsTheTrackWhenItPlaysOutWithRepeatOneButTheNextButtonMovesOn', () => {
    const one = setRepeat(state, 'one');
    expect(now(next(one, 'auto'))).toBe('a');
    expect(now(next(one, 'user'))).toBe('b');
    expect(now(next(setRepeat(atEnd, 'one'), 'user'))).toBe('a');
  });
});

describe('previous', () => {
  const state = setQueue(emptyQueue<string>(), ['a', 'b', 'c'], 1);

  it('restartsTheTrackWhenMoreThanThreeSecondsIn', () => {
    expect(previous(state, 3.01)).toEqual({ state, restart: true });
  });

  it('goesToThePreviousTrackWithinTheFirstThreeSeconds', () => {
    const result = previous(state, 3);
    expect(now(result.state)).toBe('a');
    expect(result.restart).toBe(false);
  });

  it('restartsTheFirstTrackWithoutRepeatAndWrapsWithRepeat', () => {
    const first = jumpTo(state, 'q1');
    expect(previous(first, 0)).toEqual({ state: first, restart: true });
    expect(now(previous(setRepeat(first, 'all'), 0).state)).toBe('c');
  });
});

describe('upcoming', () => {
  const state = setQueue(emptyQueue<string>(), ['a', 'b', 'c'], 1);

  it('listsTheNextEntriesToDecodeAhead', () => {
    expect(upcoming(state, 1).map((e) => e.track)).toEqual(['c']);
    expect(upcoming(state, 5).map((e) => e.track)).toEqual(['c']);
  });

  it('wrapsWithRepeatAllAndRepeatsWithRepeatOne', () => {
    expect(upcoming(setRepeat(state, 'all'), 3).map((e) => e.track)).toEqual(['c', 'a', 'b']);
    expect(upcoming(setRepeat(state, 'one'), 2).map((e) => e.entryId)).toEqual(['q2', 'q2']);
  });

  it('followsTheShuffledOrder', () => {
    const on = toggleShuffle(state, 11);
    expect(upcoming(on, 2)).toEqual(playOrder(on).slice(1, 3));
  });
});
