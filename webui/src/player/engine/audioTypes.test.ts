import { describe, expectTypeOf, it } from 'vitest';
import type { AudioContextLike, FilterFactory } from './audioTypes';

describe('audio types', () => {
  it('areSatisfiedByTheBrowsersAudioContext', () => {
    // Checked by tsc (npx tsc --noEmit); nothing runs here in node.
    expectTypeOf<AudioContext>().toExtend<AudioContextLike>();
    expectTypeOf<OfflineAudioContext>().toExtend<FilterFactory>();
  });
});
