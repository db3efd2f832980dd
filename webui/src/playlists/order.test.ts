import { describe, expect, it } from 'vitest';
import { moved, placement } from './order';

const list = [{ entryId: 10 }, { entryId: 11 }, { entryId: 12 }, { entryId: 13 }];

describe('playlist order', () => {
  it('movesAnEntryDownAfterTheEntryItLandsBehind', () => {
    expect(moved(list, 0, 2).map((e) => e.entryId)).toEqual([11, 12, 10, 13]);
    expect(placement(list, 0, 2)).toEqual({ after: 12 });
  });

  it('movesAnEntryUpAfterTheEntryBeforeItsNewPlace', () => {
    expect(moved(list, 3, 1).map((e) => e.entryId)).toEqual([10, 13, 11, 12]);
    expect(placement(list, 3, 1)).toEqual({ after: 10 });
  });

  it('movesAnEntryToTheStart', () => {
    expect(placement(list, 2, 0)).toEqual({ at: 'start' });
  });

  it('movesAnEntryToTheEnd', () => {
    expect(placement(list, 1, 3)).toEqual({ after: 13 });
  });

  it('doesNothingForNoMoveOrPlacesOutsideTheList', () => {
    expect(placement(list, 1, 1)).toBeNull();
    expect(placement(list, -1, 2)).toBeNull();
    expect(placement(list, 0, 4)).toBeNull();
    expect(moved(list, 0, 9)).toEqual(list);
  });

  it('leavesTheGivenListAlone', () => {
    moved(list, 0, 3);
    expect(list.map((e) => e.entryId)).toEqual([10, 11, 12, 13]);
  });
});
