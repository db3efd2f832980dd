import { describe, expect, it } from 'vitest';
import { progressOf } from './LibraryAdminPage';

describe('scan progress', () => {
  it('isWhatWasReadOfWhatMustBeRead', () => {
    expect(progressOf({ state: 'reading', toRead: 200, processed: 50 })).toBe(0.25);
  });

  it('isUnknownWhileTheWalkHasNotCountedTheFiles', () => {
    expect(progressOf({ state: 'walking', toRead: 0, processed: 0 })).toBeNull();
  });

  it('isWholeWhenDoneAndNeverMore', () => {
    expect(progressOf({ state: 'done', toRead: 0, processed: 0 })).toBe(1);
    expect(progressOf({ state: 'finishing', toRead: 10, processed: 12 })).toBe(1);
  });
});
