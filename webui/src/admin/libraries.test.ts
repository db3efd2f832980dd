import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import {
  createLibraryCall, deleteLibraryCall, isConfigured, librariesCall, libraryProblem, libraryProblemMessage, updateLibraryCall,
  type Library,
} from './libraries';

const jazz: Library = { id: 3, name: 'Jazz', path: '/srv/music/jazz' };

describe('library requests', () => {
  it('listsTheLibrariesOfTheAdminApi', () => {
    expect(librariesCall()).toEqual({ path: '/api/v1/admin/library/libraries', options: {} });
  });

  it('addsWithTheNameAndFolderTrimmed', () => {
    expect(createLibraryCall({ name: ' Jazz ', path: ' /srv/music/jazz\n' })).toEqual({
      path: '/api/v1/admin/library/libraries',
      options: { method: 'POST', body: { name: 'Jazz', path: '/srv/music/jazz' } },
    });
  });

  it('changesOnlyWhatDiffersFromTheLibrary', () => {
    expect(updateLibraryCall(jazz, { name: 'Jazz & Blues', path: '/srv/music/jazz' })).toEqual({
      path: '/api/v1/admin/library/libraries/3', options: { method: 'PATCH', body: { name: 'Jazz & Blues' } },
    });
    expect(updateLibraryCall(jazz, { name: 'Jazz', path: '/mnt/jazz ' })!.options.body).toEqual({ path: '/mnt/jazz' });
    expect(updateLibraryCall(jazz, { name: 'Blues', path: '/mnt/blues' })!.options.body).toEqual({ name: 'Blues', path: '/mnt/blues' });
  });

  it('sendsNothingWhenNothingChanged', () => {
    expect(updateLibraryCall(jazz, { name: ' Jazz', path: '/srv/music/jazz ' })).toBeNull();
  });

  it('removesWithDelete', () => {
    expect(deleteLibraryCall(3)).toEqual({ path: '/api/v1/admin/library/libraries/3', options: { method: 'DELETE' } });
  });
});

describe('checks before sending (the server\'s rules)', () => {
  it('needsANameOfAtMostAHundredCharacters', () => {
    expect(libraryProblem({ name: 'Jazz', path: '/srv/music/jazz' })).toBeNull();
    expect(libraryProblem({ name: '   ', path: '/srv/music/jazz' })).toMatch(/name/);
    expect(libraryProblem({ name: 'x'.repeat(100) })).toBeNull();
    expect(libraryProblem({ name: 'x'.repeat(101) })).toMatch(/at most 100/);
  });

  it('needsAnAbsoluteFolder', () => {
    expect(libraryProblem({ path: '' })).toMatch(/absolute path/);
    expect(libraryProblem({ path: 'music/jazz' })).toMatch(/absolute path \(starting with \/\), not music\/jazz/);
    expect(libraryProblem({ path: ' /srv/music ' })).toBeNull();
  });

  it('knowsTheConfiguredLibraryByItsName', () => {
    expect(isConfigured({ name: 'Music' })).toBe(true);
    expect(isConfigured(jazz)).toBe(false);
  });
});

describe('messages', () => {
  it('keepsTheServersMessageAboutTheFolderOrName', () => {
    expect(libraryProblemMessage(new ApiError(400, 'library_folder', '/nope does not exist on the server')))
      .toBe('/nope does not exist on the server');
    expect(libraryProblemMessage(new ApiError(409, 'library_overlaps', "/srv/music/jazz overlaps library 'Music' (/srv/music)…")))
      .toMatch(/overlaps library 'Music'/);
  });

  it('explainsARefusalAndAVanishedLibrary', () => {
    expect(libraryProblemMessage(new ApiError(403, 'forbidden', 'Forbidden'))).toMatch(/ManagePermissions/);
    expect(libraryProblemMessage(new ApiError(404, 'not_found', 'No library 3'))).toMatch(/^No library 3: it was removed meanwhile/);
    expect(libraryProblemMessage(null, 'fallback')).toBe('fallback');
  });
});
