import { describe, expect, it } from 'vitest';
import type { Track } from '../api/types';
import { Emitter, type Output, type OutputEvents, type OutputTrack } from './output';
import { createPlayerStore } from './playerStore';

/** An output that records what the store asks of it. */
class RecordingOutput implements Output {
  readonly name = 'media-element' as const;
  readonly events = new Emitter();
  started: { ids: number[]; index: number; offset?: number }[] = [];
  updates: { ids: number[]; keys: string[]; index: number }[] = [];
  paused = 0;

  async start(tracks: OutputTrack[], index: number, offsetSeconds?: number) {
    this.started.push({ ids: tracks.map((t) => t.id), index, offset: offsetSeconds });
  }
  update(tracks: OutputTrack[], index: number) {
    this.updates.push({ ids: tracks.map((t) => t.id), keys: tracks.map((t) => t.key), index });
  }
  pause() {
    this.paused++;
  }
  async resume() {}
  seek() {}
  setVolume() {}
  repeats: string[] = [];
  setRepeat(mode: string) {
    this.repeats.push(mode);
  }
  on<E extends keyof OutputEvents>(event: E, listener: OutputEvents[E]) {
    return this.events.on(event, listener);
  }
  close() {}
}

const track = (id: number): Track => ({ id, title: `t${id}`, artist: 'a', artists: [], album: 'x', durationMs: 1000, codec: 'mp3' });

describe('player store', () => {
  it('startsTheListAtTheTrackAndOffsetAsked', async () => {
    const output = new RecordingOutput();
    const player = createPlayerStore(output);
    await player.getState().playTracks([track(1), track(2), track(3)], 1, 12);
    expect(output.started).toEqual([{ ids: [1, 2, 3], index: 1, offset: 12 }]);
    expect(player.getState().playing).toBe(true);
  });

  it('sendsAPlayTheUserAskedForToTheDeviceThatPlaysWhenThereIsOne', async () => {
    const output = new RecordingOutput();
    const player = createPlayerStore(output);
    const sent: { ids: number[]; index: number }[] = [];
    let elsewhere = true;
    player.setState({ playElsewhere: (tracks, index) => {
      sent.push({ ids: tracks.map((t) => t.id), index });
      return elsewhere;
    } });
    await player.getState().playTracks([track(1), track(2)], 1);
    expect(sent).toEqual([{ ids: [1, 2], index: 1 }]);
    expect(output.started).toEqual([]); // nothing plays here
    expect(player.getState().queue).toEqual([]);
    // a play carried over (a transfer, with its position) is this device's own: not sent away
    await player.getState().playTracks([track(3)], 0, 5);
    expect(sent).toHaveLength(1);
    expect(output.started).toEqual([{ ids: [3], index: 0, offset: 5 }]);
    // no other device plays: here
    elsewhere = false;
    await player.getState().playTracks([track(4)], 0);
    expect(output.started.at(-1)).toEqual({ ids: [4], index: 0, offset: 0 });
  });

  it('queuesPlayNextRightAfterTheTrackPlayingAndTellsTheOutputWithoutRestarting', async () => {
    const output = new RecordingOutput();
    const player = createPlayerStore(output);
    await player.getState().playTracks([track(1), track(2), track(3)], 1);
    player.getState().playNext([track(9)]);
    player.getState().addToQueue([track(7)]);
    expect(player.getState().queue.map((t) => t.id)).toEqual([1, 2, 9, 3, 7]);
    expect(output.started).toHaveLength(1);
    expect(output.updates.map((u) => [u.ids, u.index])).toEqual([[[1, 2, 9, 3], 1], [[1, 2, 9, 3, 7], 1]]);
  });

  it('keepsTheEntryPlayingCurrentWhenEntriesMoveAroundIt', async () => {
    const output = new RecordingOutput();
    const player = createPlayerStore(output);
    await player.getState().playTracks([track(1), track(2), track(3), track(4)], 1);
    const playingKey = player.getState().keys[1];
    player.getState().moveInQueue(3, 0); // 4 to the front
    expect(player.getState().queue.map((t) => t.id)).toEqual([4, 1, 2, 3]);
    expect(player.getState().index).toBe(2);
    expect(player.getState().keys[2]).toBe(playingKey);
    player.getState().moveInQueue(2, 3); // the track playing itself moves
    expect(player.getState().queue.map((t) => t.id)).toEqual([4, 1, 3, 2]);
    expect(player.getState().index).toBe(3);
    expect(output.updates.at(-1)?.keys[3]).toBe(playingKey);
  });

  it('removesOtherEntriesButNotTheOnePlaying', async () => {
    const output = new RecordingOutput();
    const player = createPlayerStore(output);
    await player.getState().playTracks([track(1), track(2), track(3)], 1);
    player.getState().removeFromQueue(1);
    expect(player.getState().queue.map((t) => t.id)).toEqual([1, 2, 3]);
    player.getState().removeFromQueue(0);
    expect(player.getState().queue.map((t) => t.id)).toEqual([2, 3]);
    expect(player.getState().index).toBe(0);
  });

  it('startsWhatWasQueuedWhenNothingPlayedYet', async () => {
    const output = new RecordingOutput();
    const player = createPlayerStore(output);
    player.getState().addToQueue([track(5), track(6)]);
    expect(output.started).toHaveLength(0);
    expect(output.updates).toHaveLength(0);
    await player.getState().toggle();
    expect(output.started).toEqual([{ ids: [5, 6], index: 0, offset: 0 }]);
  });

  it('followsTheOutputToTheNextTrackAndRecordsTheTimeToFirstSound', async () => {
    const output = new RecordingOutput();
    const player = createPlayerStore(output);
    await player.getState().playTracks([track(1), track(2)], 0);
    output.events.emit('playing');
    expect(player.getState().starts).toBe(1);
    expect(player.getState().startLatencyMs).toBeGreaterThanOrEqual(0);
    output.events.emit('track', 1, 0);
    expect(player.getState().index).toBe(1);
    output.events.emit('playing'); // the output moved on by itself: not a start the user waited for
    expect(player.getState().starts).toBe(1);
  });

  it('shuffleKeepsTheEntryPlayingAndPutsTheRestAfterItAndOffRestoresTheOrder', async () => {
    const output = new RecordingOutput();
    const player = createPlayerStore(output);
    await player.getState().playTracks([track(1), track(2), track(3), track(4), track(5)], 2);
    const playingKey = player.getState().keys[2];
    player.getState().toggleShuffle();
    const shuffled = player.getState();
    expect(shuffled.shuffle).toBe(true);
    expect(shuffled.index).toBe(0);
    expect(shuffled.keys[0]).toBe(playingKey);
    expect(shuffled.queue.map((t) => t.id).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(output.started).toHaveLength(1); // the track playing plays on
    expect(output.updates.at(-1)?.index).toBe(0);

    player.getState().toggleShuffle();
    expect(player.getState().queue.map((t) => t.id)).toEqual([1, 2, 3, 4, 5]);
    expect(player.getState().keys[player.getState().index]).toBe(playingKey);
    expect(player.getState().shuffle).toBe(false);
  });

  it('aListPlayedUnderShuffleStartsWithTheTrackAskedFor', async () => {
    const output = new RecordingOutput();
    const player = createPlayerStore(output);
    await player.getState().playTracks([track(1)], 0);
    player.getState().toggleShuffle();
    await player.getState().playTracks([track(1), track(2), track(3), track(4)], 2);
    expect(output.started.at(-1)?.index).toBe(0);
    expect(output.started.at(-1)?.ids[0]).toBe(3);
    player.getState().toggleShuffle();
    expect(player.getState().queue.map((t) => t.id)).toEqual([1, 2, 3, 4]);
  });

  it('repeatCyclesOffAllOneAndTellsTheOutputAndNextWrapsUnderRepeat', async () => {
    const output = new RecordingOutput();
    const player = createPlayerStore(output);
    await player.getState().playTracks([track(1), track(2)], 1);
    expect(output.repeats).toEqual(['off']);
    player.getState().cycleRepeat();
    player.getState().cycleRepeat();
    player.getState().cycleRepeat();
    expect(output.repeats).toEqual(['off', 'all', 'one', 'off']);
    expect(player.getState().repeat).toBe('off');

    player.getState().cycleRepeat(); // all
    await player.getState().next(); // from the last: the first again
    expect(output.started.at(-1)?.index).toBe(0);
  });
});
