import { describe, expect, it } from 'vitest';
import type { AlbumDetail, Track } from '../api/types';
import { albumTracks, discoverPath, discoverTracks, greeting, listensText, playedAgo, recentlyPlayedPath, recentPlayback, sectionView, topEntries, topPath } from './home';

function track(id: number, albumId: number | null = 7): Track {
  return { id, title: `T${id}`, artist: 'Alpha', artists: [], albumId, album: 'First', durationMs: 8000, codec: 'mp3' };
}

const album: AlbumDetail = {
  album: { id: 7, title: 'First', artist: 'Alpha', artists: [], coverImageId: 99, palette: ['#7c3aed'], trackCount: 3, durationMs: 24000 },
  genres: [],
  discs: [
    { number: 1, tracks: [track(1), track(2)] },
    { number: 2, tracks: [track(3)] },
  ],
};

describe('home requests', () => {
  it('asksForRecentlyPlayedTracksWithALimit', () => {
    expect(recentlyPlayedPath()).toBe('/api/v1/user/history/tracks?limit=10');
    expect(recentlyPlayedPath(3)).toBe('/api/v1/user/history/tracks?limit=3');
  });

  it('asksForTheTopOfTheLast30DaysOfOneKind', () => {
    expect(topPath('artists')).toBe('/api/v1/user/stats/top?kind=artists&period=month&limit=5');
    expect(topPath('albums', 8)).toBe('/api/v1/user/stats/top?kind=albums&period=month&limit=8');
  });
});

describe('weekly discover', () => {
  it('asksTheRecommendersForTheWeeksDiscoveries', () => {
    expect(discoverPath()).toBe('/api/v1/content/recommendations?purpose=discover&limit=30');
  });

  it('hasTracksOnlyWhenARecommenderAnswered', () => {
    expect(discoverTracks(undefined)).toEqual([]);
    expect(discoverTracks({ purpose: 'discover', items: [], plugins: [] })).toEqual([]);
    const answer = { purpose: 'discover', items: [{ track: track(5), reason: 'because you played Alpha', plugin: 'lb' }, { track: track(2), plugin: 'lb' }], plugins: ['lb'] };
    expect(discoverTracks(answer).map((t) => t.id)).toEqual([5, 2]);
  });
});

describe('your top this month', () => {
  it('listsArtistsThenAlbumsEachLinkingToItsPage', () => {
    const entries = topEntries([{ id: 3, name: 'Alpha', listens: 9 }], [{ id: 3, name: 'First', listens: 5 }, { id: 4, name: 'Second', listens: 1 }]);
    expect(entries.map((e) => [e.kind, e.name, e.to])).toEqual([
      ['Artist', 'Alpha', '/artists/3'],
      ['Album', 'First', '/albums/3'],
      ['Album', 'Second', '/albums/4'],
    ]);
    expect(new Set(entries.map((e) => e.key)).size).toBe(3); // an artist and an album with the same id are two rows
  });

  it('showsWhatIsThereWhenOneKindIsMissing', () => {
    expect(topEntries(undefined, [{ id: 1, name: 'First', listens: 2 }]).map((e) => e.name)).toEqual(['First']);
    expect(topEntries(undefined, undefined)).toEqual([]);
  });

  it('saysListensInTheSingularForOne', () => {
    expect(listensText(1)).toBe('1 listen');
    expect(listensText(0)).toBe('0 listens');
    expect(listensText(12)).toBe('12 listens');
  });
});

describe('section view', () => {
  const pending = { pending: true, failed: false, count: 0 };
  const empty = { pending: false, failed: false, count: 0 };
  const failed = { pending: false, failed: true, count: 0 };
  const some = { pending: false, failed: false, count: 2 };

  it('showsItemsAsSoonAsOneReadHasSome', () => {
    expect(sectionView([some])).toBe('items');
    expect(sectionView([pending, some])).toBe('items');
    expect(sectionView([failed, some])).toBe('items');
  });

  it('isLoadingWhileAReadIsOutAndNothingCameYet', () => {
    expect(sectionView([pending])).toBe('loading');
    expect(sectionView([empty, pending])).toBe('loading');
    expect(sectionView([failed, pending])).toBe('loading');
  });

  it('isEmptyOnlyWhenEveryReadAnsweredWithNothing', () => {
    expect(sectionView([empty])).toBe('empty');
    expect(sectionView([empty, empty])).toBe('empty');
  });

  it('isAnErrorWhenAFailedReadMayHaveHadTheItems', () => {
    expect(sectionView([failed])).toBe('error');
    expect(sectionView([empty, failed])).toBe('error');
  });
});

describe('played ago', () => {
  const now = new Date('2026-05-20T12:00:00Z');

  it('countsMinutesHoursAndDays', () => {
    expect(playedAgo('2026-05-20T11:59:30Z', now)).toBe('just now');
    expect(playedAgo('2026-05-20T11:55:00Z', now)).toBe('5 min ago');
    expect(playedAgo('2026-05-20T09:00:00Z', now)).toBe('3 h ago');
    expect(playedAgo('2026-05-19T10:00:00Z', now)).toBe('yesterday');
    expect(playedAgo('2026-05-16T12:00:00Z', now)).toBe('4 days ago');
  });

  it('givesTheDateAfterAWeekAndNothingForABadTime', () => {
    expect(playedAgo('2026-04-01T12:00:00Z', now)).toMatch(/1/);
    expect(playedAgo('2026-04-01T12:00:00Z', now)).not.toMatch(/ago/);
    expect(playedAgo('not a time', now)).toBe('');
  });

  it('saysJustNowForAClockSlightlyAhead', () => {
    expect(playedAgo('2026-05-20T12:00:20Z', now)).toBe('just now');
  });
});

describe('greeting', () => {
  it('followsTheHour', () => {
    expect(greeting(5)).toBe('Good morning');
    expect(greeting(11)).toBe('Good morning');
    expect(greeting(12)).toBe('Good afternoon');
    expect(greeting(17)).toBe('Good afternoon');
    expect(greeting(18)).toBe('Good evening');
    expect(greeting(0)).toBe('Good evening');
    expect(greeting(4)).toBe('Good evening');
  });
});

describe('what a recently played track plays', () => {
  it('givesEveryDiscsTracksInOrderWithTheAlbumsCover', () => {
    const tracks = albumTracks(album);
    expect(tracks.map((t) => t.id)).toEqual([1, 2, 3]);
    expect(tracks.every((t) => t.coverImageId === 99 && t.palette?.[0] === '#7c3aed')).toBe(true);
  });

  it('playsItsAlbumFromThatTrack', async () => {
    const asked: number[] = [];
    const played = await recentPlayback(3, {
      track: async (id) => track(id),
      album: async (id) => { asked.push(id); return album; },
    });
    expect(asked).toEqual([7]);
    expect(played.tracks.map((t) => t.id)).toEqual([1, 2, 3]);
    expect(played.index).toBe(2);
  });

  it('playsTheTrackAloneWithoutAnAlbumOrWhenTheAlbumCannotBeRead', async () => {
    const noAlbum = await recentPlayback(5, { track: async (id) => track(id, null), album: () => Promise.reject(new Error('not asked')) });
    expect(noAlbum).toEqual({ tracks: [track(5, null)], index: 0 });
    const unreadable = await recentPlayback(1, { track: async (id) => track(id), album: () => Promise.reject(new Error('503')) });
    expect(unreadable).toEqual({ tracks: [track(1)], index: 0 });
  });

  it('playsTheTrackAloneWhenItsAlbumNoLongerHoldsIt', async () => {
    const played = await recentPlayback(42, { track: async (id) => track(id), album: async () => album });
    expect(played.tracks.map((t) => t.id)).toEqual([42]);
    expect(played.index).toBe(0);
  });

  it('failsWhenTheTrackCannotBeRead', async () => {
    await expect(recentPlayback(1, { track: () => Promise.reject(new Error('gone')), album: async () => album })).rejects.toThrow('gone');
  });
});
