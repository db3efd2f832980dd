import { describe, expect, it } from 'vitest';
import { findGenre, genreCounts, genreIdParam, genreListPath, tileColour, TILE_COLOURS } from './genres';

describe('genre requests', () => {
  it('filtersAlbumsAndTracksByTheGenresIdSortedByTitle', () => {
    expect(genreListPath('albums', 3)).toBe('/api/v1/content/albums?genre=3&sort=title&limit=60');
    expect(genreListPath('tracks', 3)).toBe('/api/v1/content/tracks?genre=3&sort=title&limit=100');
  });

  it('continuesAfterTheLastPagesNextKey', () => {
    expect(genreListPath('tracks', 12, 'b3Blbg==', 20)).toBe('/api/v1/content/tracks?genre=12&sort=title&limit=20&after=b3Blbg%3D%3D');
  });
});

describe('genre id in the URL', () => {
  it('takesAsciiDigits', () => {
    expect(genreIdParam('7')).toBe(7);
    expect(genreIdParam('0042')).toBe(42);
  });

  it('refusesWhatTheApiWouldNot', () => {
    expect(genreIdParam(undefined)).toBeNull();
    expect(genreIdParam('')).toBeNull();
    expect(genreIdParam('0')).toBeNull();
    expect(genreIdParam('-1')).toBeNull();
    expect(genreIdParam('rock')).toBeNull();
    expect(genreIdParam('1.5')).toBeNull();
    expect(genreIdParam('١')).toBeNull(); // Arabic-Indic one
    expect(genreIdParam('9'.repeat(20))).toBeNull();
  });

  it('findsTheGenreOfAnId', () => {
    const genres = [{ id: 1, name: 'Jazz', albumCount: 1, trackCount: 3 }, { id: 2, name: 'Rock', albumCount: 1, trackCount: 2 }];
    expect(findGenre(genres, 2)?.name).toBe('Rock');
    expect(findGenre(genres, 3)).toBeUndefined();
    expect(findGenre(genres, null)).toBeUndefined();
    expect(findGenre(undefined, 1)).toBeUndefined();
  });
});

describe('genre tiles', () => {
  it('countsAlbumsAndTracksInTheSingularForOne', () => {
    expect(genreCounts({ albumCount: 1, trackCount: 2 })).toBe('1 album · 2 tracks');
    expect(genreCounts({ albumCount: 3, trackCount: 1 })).toBe('3 albums · 1 track');
  });

  it('givesANameTheSameColourWhateverItsCase', () => {
    expect(tileColour('Rock')).toBe(tileColour('rock'));
    expect(tileColour('Rock')).toBe(tileColour('ROCK'));
  });

  it('spreadsNamesOverEveryColour', () => {
    const names = ['Rock', 'Jazz', 'Pop', 'Blues', 'Hip-Hop', 'Classical', 'Electronic', 'Folk', 'Metal', 'Soul', 'Reggae', 'Punk',
      'Country', 'Ambient', 'Funk', 'Disco', 'House', 'Techno', 'Indie', 'Gospel'];
    const colours = names.map(tileColour);
    expect(colours.every((c) => Number.isInteger(c) && c >= 0 && c < TILE_COLOURS)).toBe(true);
    expect(new Set(colours).size).toBeGreaterThanOrEqual(5);
  });
});
