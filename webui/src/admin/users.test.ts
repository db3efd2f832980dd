import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { canManageUsers } from './access';
import {
  accessCall, choiceOf, createCall, deleteCall, describeAccess, describePermission, expiryFromInput, libraryChoiceProblem,
  newUserProblem, pageCall, passwordCall, passwordProblem, patchCall, permissionCall, permissionStates, problemMessage,
  setAccessCall, settingsCall, withUser, type AdminUser, type LibraryAccess, type UserPage,
} from './users';

const alice: AdminUser = {
  id: 7,
  username: 'alice',
  displayName: null,
  role: 'regular',
  disabled: false,
  createdAt: '2030-01-01T00:00:00Z',
  permissions: ['AccessCatalog', 'EditCatalog', 'OwnPlaylists'],
  overrides: [
    { permission: 'EditCatalog', effect: 'grant', expiresAt: '2031-02-03T04:05:00Z' },
    { permission: 'LikeContent', effect: 'deny', expiresAt: null },
  ],
};

describe('who sees the users page', () => {
  it('isTheHolderOfManagePermissionsWhateverTheRole', () => {
    expect(canManageUsers({ role: 'regular', permissions: ['AccessCatalog', 'ManagePermissions'] })).toBe(true);
    expect(canManageUsers({ role: 'admin', permissions: ['AccessCatalog', 'EditCatalog'] })).toBe(false);
  });

  it('fallsBackToTheRoleWhenThePermissionsAreNotKnown', () => {
    expect(canManageUsers({ role: 'admin' })).toBe(true);
    expect(canManageUsers({ role: 'regular' })).toBe(false);
    expect(canManageUsers(null)).toBe(false);
  });
});

describe('requests', () => {
  it('pagesByKeysetAfterTheLastId', () => {
    expect(pageCall().path).toBe('/api/v1/admin/users?limit=50');
    expect(pageCall(42).path).toBe('/api/v1/admin/users?after=42&limit=50');
  });

  it('createsWithATrimmedUsernameAndADisplayNameOnlyWhenGiven', () => {
    expect(createCall({ username: ' bob ', password: 'p4ssword!', displayName: '  ', role: 'regular' })).toEqual({
      path: '/api/v1/admin/users',
      options: { method: 'POST', body: { username: 'bob', password: 'p4ssword!', role: 'regular' } },
    });
    expect(createCall({ username: 'bob', password: 'p4ssword!', displayName: ' Bob B. ', role: 'admin' }).options.body)
      .toEqual({ username: 'bob', password: 'p4ssword!', role: 'admin', displayName: 'Bob B.' });
  });

  it('patchesOnlyTheFieldsGiven', () => {
    expect(patchCall(7, { disabled: true })).toEqual({ path: '/api/v1/admin/users/7', options: { method: 'PATCH', body: { disabled: true } } });
    expect(patchCall(7, { role: 'admin' }).options.body).toEqual({ role: 'admin' });
    expect(patchCall(7, { displayName: '  ' }).options.body).toEqual({ displayName: '' }); // clears it
  });

  it('grantsWithAnEmptyBodyOrAnExpiryAndRevokesWithDelete', () => {
    expect(permissionCall(7, 'EditCatalog', 'grant')).toEqual({
      path: '/api/v1/admin/users/7/permissions/EditCatalog', options: { method: 'POST', body: {} },
    });
    expect(permissionCall(7, 'EditCatalog', 'grant', '2031-01-01T00:00:00.000Z').options.body)
      .toEqual({ expiresAt: '2031-01-01T00:00:00.000Z' });
    expect(permissionCall(7, 'ViewAnalytics', 'revoke')).toEqual({
      path: '/api/v1/admin/users/7/permissions/ViewAnalytics', options: { method: 'DELETE' },
    });
  });

  it('setsAPasswordDeletesAndSwitchesRegistration', () => {
    expect(passwordCall(7, 'n3w-secret')).toEqual({ path: '/api/v1/admin/users/7/password', options: { method: 'POST', body: { password: 'n3w-secret' } } });
    expect(deleteCall(7)).toEqual({ path: '/api/v1/admin/users/7', options: { method: 'DELETE' } });
    expect(settingsCall({ registrationOpen: true })).toEqual({
      path: '/api/v1/admin/settings', options: { method: 'PUT', body: { registrationOpen: true } },
    });
  });
});

describe('checks before sending (the server\'s rules)', () => {
  it('refusesAUsernameTheServerWouldRefuse', () => {
    const ok = { username: 'bob', password: 'long enough', displayName: '', role: 'regular' as const };
    expect(newUserProblem(ok)).toBeNull();
    expect(newUserProblem({ ...ok, username: 'b' })).toMatch(/2 to 64/);
    expect(newUserProblem({ ...ok, username: '.bob' })).toMatch(/starting with a letter or digit/);
    expect(newUserProblem({ ...ok, username: 'bob smith' })).not.toBeNull();
    expect(newUserProblem({ ...ok, password: 'short' })).toMatch(/at least 8/);
  });

  it('refusesAShortOrBlankPassword', () => {
    expect(passwordProblem('1234567')).toMatch(/at least 8/);
    expect(passwordProblem('        ')).toMatch(/only spaces/);
    expect(passwordProblem('x'.repeat(513))).toMatch(/at most 512/);
    expect(passwordProblem('12345678')).toBeNull();
  });

  it('turnsTheGrantsEndIntoAFutureInstant', () => {
    const now = Date.parse('2030-06-01T12:00:00Z');
    expect(expiryFromInput('', now)).toBeUndefined();
    const at = expiryFromInput('2030-07-01T18:30', now);
    expect(at).toBe(new Date('2030-07-01T18:30').toISOString());
    expect(() => expiryFromInput('2020-01-01T00:00', now)).toThrow(/future/);
    expect(() => expiryFromInput('not a date', now)).toThrow(/not a date/);
  });
});

describe('permissions of a user', () => {
  it('saysWhereEachComesFromAndWhatItsButtonDoes', () => {
    const states = Object.fromEntries(permissionStates(alice).map((s) => [s.permission, s]));
    expect(states.AccessCatalog).toMatchObject({ held: true, source: 'role', action: 'revoke' });
    expect(states.EditCatalog).toMatchObject({ held: true, source: 'granted', action: 'revoke', expiresAt: '2031-02-03T04:05:00Z' });
    expect(states.LikeContent).toMatchObject({ held: false, source: 'revoked', action: 'grant' });
    expect(states.ManagePermissions).toMatchObject({ held: false, source: 'none', action: 'grant' });
    expect(permissionStates(alice).map((s) => s.permission)).toContain('ManagePlugins');
  });

  it('listsEveryPermissionOfAnAdminAsTheRoles', () => {
    const admin = { ...alice, role: 'admin', overrides: [], permissions: permissionStates(alice).map((s) => s.permission) };
    expect(permissionStates(admin).every((s) => s.held && s.source === 'role' && s.action === 'revoke')).toBe(true);
  });

  it('describesEachStateInWords', () => {
    const [access, like, , edit, manage] = permissionStates(alice);
    expect(describePermission(access!)).toBe('from the role');
    expect(describePermission(edit!, (iso) => `<${iso}>`)).toBe('granted until <2031-02-03T04:05:00Z>');
    expect(describePermission(like!)).toBe('revoked');
    expect(describePermission(manage!)).toBe('not held');
  });
});

describe('messages', () => {
  it('explainsTheLastAdminRefusal', () => {
    const message = problemMessage(new ApiError(409, 'last_admin', 'This is the last active user…'));
    expect(message).toMatch(/no active user who can manage users/);
    expect(message).toMatch(/administrator \(or grant them ManagePermissions\) first/);
  });

  it('keepsTheServersMessageOtherwise', () => {
    expect(problemMessage(new ApiError(409, 'username_taken', "The username 'bob' is taken"))).toBe("The username 'bob' is taken");
    expect(problemMessage(new ApiError(400, 'weak_password', 'The password must have at least 8 characters')))
      .toBe('The password must have at least 8 characters');
    expect(problemMessage(new ApiError(403, 'forbidden', 'Forbidden'))).toMatch(/ManagePermissions/);
    expect(problemMessage('?', 'fallback')).toBe('fallback');
  });
});

describe('the cached list after a change', () => {
  const data = {
    pages: [{ users: [alice, { ...alice, id: 8, username: 'bob' }], nextAfter: 8 } as UserPage, { users: [{ ...alice, id: 9, username: 'carol' }] }],
    pageParams: [undefined, 8],
  };

  it('replacesTheUserTheServerAnswered', () => {
    const next = withUser(data, 8, { ...alice, id: 8, username: 'bob', disabled: true });
    expect(next!.pages[0]!.users.map((u) => [u.username, u.disabled])).toEqual([['alice', false], ['bob', true]]);
    expect(next!.pages[1]).toEqual(data.pages[1]);
    expect(data.pages[0]!.users[1]!.disabled).toBe(false); // not changed in place
  });

  it('leavesOutADeletedUser', () => {
    const next = withUser(data, 9, null);
    expect(next!.pages.flatMap((p) => p.users).map((u) => u.username)).toEqual(['alice', 'bob']);
    expect(next!.pageParams).toEqual([undefined, 8]);
  });
});

describe('libraries a user sees', () => {
  const libraries = [{ id: 1, name: 'Music', path: '/music' }, { id: 3, name: 'Jazz', path: '/jazz' }, { id: 4, name: 'Rock', path: '/rock' }];
  const all: LibraryAccess = { userId: 7, restricted: false, libraryIds: [] };
  const some: LibraryAccess = { userId: 7, restricted: true, libraryIds: [3, 4] };

  it('readsAndSetsThemPerUser', () => {
    expect(accessCall(7)).toEqual({ path: '/api/v1/admin/library/access/7', options: {} });
    expect(setAccessCall(7, { all: false, libraryIds: [4, 3, 4] })).toEqual({
      path: '/api/v1/admin/library/access/7', options: { method: 'PUT', body: { libraryIds: [3, 4] } },
    });
  });

  it('sendsAllAsTheEmptyList', () => {
    expect(setAccessCall(7, { all: true }).options.body).toEqual({ libraryIds: [] });
  });

  it('neverSendsOnlyNoneWhichWouldMeanAll', () => {
    expect(libraryChoiceProblem({ all: false, libraryIds: [] })).toMatch(/at least one library/);
    expect(libraryChoiceProblem({ all: false, libraryIds: [3] })).toBeNull();
    expect(libraryChoiceProblem({ all: true })).toBeNull();
    expect(() => setAccessCall(7, { all: false, libraryIds: [] })).toThrow(/at least one library/);
  });

  it('startsTheFormFromTheServersValueKeepingOnlyListedLibraries', () => {
    expect(choiceOf(all, libraries)).toEqual({ all: true });
    expect(choiceOf(some, libraries)).toEqual({ all: false, libraryIds: [3, 4] });
    expect(choiceOf({ ...some, libraryIds: [3, 9] }, libraries)).toEqual({ all: false, libraryIds: [3] });
  });

  it('saysWhatTheySeeInWords', () => {
    expect(describeAccess(all, libraries)).toBe('all libraries');
    expect(describeAccess({ ...some, libraryIds: [3] }, libraries)).toBe('only Jazz');
    expect(describeAccess(some, libraries)).toBe('only Jazz and Rock');
    expect(describeAccess({ ...some, libraryIds: [1, 3, 9] }, libraries)).toBe('only Music, Jazz and library 9');
  });
});
