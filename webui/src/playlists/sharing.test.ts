import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { inviteLink, inviteState, JOIN_ROUTE, joinErrorText, sortedInvites, type Invite } from './sharing';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const invite = (id: number, createdAt: string, expiresAt: string, revokedAt: string | null = null): Invite =>
  ({ id, token: null, createdAt, expiresAt, revokedAt });

describe('invite links', () => {
  it('pointAtTheJoinRouteOfThisServer', () => {
    expect(inviteLink('https://music.example.org', 'aB3_-x')).toBe('https://music.example.org/playlists/join/aB3_-x');
    expect(inviteLink('http://localhost:8080/', 'tok')).toBe('http://localhost:8080/playlists/join/tok');
  });

  it('openTheAppsJoinRouteWithTheToken', () => {
    const path = new URL(inviteLink('https://m.example', 'tok123')).pathname;
    expect('/' + JOIN_ROUTE.replace(':token', 'tok123')).toBe(path);
  });

  it('escapeWhatCannotStandInAPath', () => {
    expect(inviteLink('https://m.example', 'a/b?c')).toBe('https://m.example/playlists/join/a%2Fb%3Fc');
  });
});

describe('invite state', () => {
  it('isActiveUntilItExpiresAndRevokedOnceRevoked', () => {
    expect(inviteState(invite(1, '2026-03-09T12:00:00Z', '2026-03-16T12:00:00Z'), NOW)).toBe('active');
    expect(inviteState(invite(1, '2026-03-01T12:00:00Z', '2026-03-10T12:00:00Z'), NOW)).toBe('expired');
    expect(inviteState(invite(1, '2026-03-09T12:00:00Z', '2026-03-16T12:00:00Z', '2026-03-09T13:00:00Z'), NOW)).toBe('revoked');
    expect(inviteState(invite(1, '2026-03-01T12:00:00Z', '2026-03-02T12:00:00Z', '2026-03-01T13:00:00Z'), NOW)).toBe('revoked');
  });

  it('listsActiveInvitesFirstThenTheRestNewestFirst', () => {
    const old = invite(1, '2026-03-01T12:00:00Z', '2026-03-02T12:00:00Z');
    const revoked = invite(2, '2026-03-05T12:00:00Z', '2026-03-20T12:00:00Z', '2026-03-06T12:00:00Z');
    const active = invite(3, '2026-03-04T12:00:00Z', '2026-03-11T12:00:00Z');
    const newer = invite(4, '2026-03-09T12:00:00Z', '2026-03-16T12:00:00Z');
    expect(sortedInvites([old, revoked, active, newer], NOW).map((i) => i.id)).toEqual([4, 3, 2, 1]);
  });
});

describe('join errors', () => {
  it('sayWhyTheInviteCannotBeUsed', () => {
    expect(joinErrorText(new ApiError(404, 'invite_not_found', 'x'))).toMatch(/not valid/);
    expect(joinErrorText(new ApiError(410, 'invite_revoked', 'x'))).toMatch(/revoked/);
    expect(joinErrorText(new ApiError(410, 'invite_expired', 'x'))).toMatch(/expired/);
  });

  it('fallBackOnTheServersMessage', () => {
    expect(joinErrorText(new ApiError(0, 'network', 'The server cannot be reached'))).toBe('The server cannot be reached');
    expect(joinErrorText(new Error('boom'))).toBe('The invite could not be used.');
  });
});
