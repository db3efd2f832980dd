import { describe, expect, it } from 'vitest';
import { exportFileName, exportPath, importName, importPath, importProblem, importSummary, MAX_IMPORT_BYTES, reasonText } from './m3u8';

describe('M3U8 export', () => {
  it('readsThePlaylistsFile', () => {
    expect(exportPath(9)).toBe('/api/v1/user/playlists/9/m3u8');
  });

  it('namesTheFileAfterThePlaylistWithoutWhatFileSystemsRefuse', () => {
    expect(exportFileName('Road trip')).toBe('Road trip.m3u8');
    expect(exportFileName('AC/DC: best? <live>')).toBe('AC_DC_ best_ _live_.m3u8');
    expect(exportFileName('  two\n lines\t')).toBe('two lines.m3u8');
    expect(exportFileName('..hidden')).toBe('hidden.m3u8');
    expect(exportFileName('   ')).toBe('playlist.m3u8');
    expect(exportFileName('x'.repeat(300))).toBe('x'.repeat(100) + '.m3u8');
  });
});

describe('M3U8 import', () => {
  it('refusesAnEmptyFileOrOneOverTheServersLimitBeforeSendingIt', () => {
    expect(importProblem({ name: 'a.m3u8', size: 0 })).toBe('a.m3u8 is empty.');
    expect(importProblem({ name: 'a.m3u8', size: MAX_IMPORT_BYTES + 1 })).toMatch(/larger than 1 MiB/);
    expect(importProblem({ name: 'a.m3u8', size: MAX_IMPORT_BYTES })).toBeNull();
  });

  it('asksForTheNameTypedThenTheFilesOwnThenTheFileName', () => {
    expect(importName('  Mine ', 'trip.m3u8', '#PLAYLIST:Theirs\n')).toBe('Mine');
    expect(importName('', 'trip.m3u8', '#EXTM3U\n#PLAYLIST:Theirs\nmusic/a.mp3\n')).toBeUndefined();
    expect(importName('', 'trip.m3u8', '\uFEFF#playlist: Theirs\r\n')).toBeUndefined();
    expect(importName('', 'Road Trip.M3U8', '#EXTM3U\nmusic/a.mp3\n')).toBe('Road Trip');
    expect(importName('', 'old.m3u', '#PLAYLIST:   \nmusic/a.mp3\n')).toBe('old'); // an empty #PLAYLIST names nothing
    expect(importName('', '.m3u8', 'music/a.mp3')).toBeUndefined();
  });

  it('putsTheNameInTheQueryOnlyWhenThereIsOne', () => {
    expect(importPath('Road trip & more')).toBe('/api/v1/user/playlists/import?name=Road+trip+%26+more');
    expect(importPath(undefined)).toBe('/api/v1/user/playlists/import');
  });

  it('saysHowManyMatchedAndWhyTheOthersDidNot', () => {
    const unmatched = [{ line: 4, text: 'gone.mp3', reason: 'not_found' }];
    expect(importSummary({ matched: 2, unmatched })).toBe('2 of 3 tracks matched');
    expect(importSummary({ matched: 1, unmatched: [] })).toBe('1 of 1 track matched');
    expect(importSummary({ matched: 0, unmatched: [] })).toBe('the file names no tracks');
    expect(reasonText('not_found')).toMatch(/no track/);
    expect(reasonText('unsupported_uri')).toMatch(/web address/);
    expect(reasonText('invalid_uri')).toMatch(/not valid/);
    expect(reasonText('some_new_reason')).toBe('some new reason');
  });
});
