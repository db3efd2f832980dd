import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import {
  APP_PASSWORDS_KEY, createCall, createdText, hintText, lastUsedText, listCall, nameProblem, problemMessage, revokeCall,
  withCreated, withoutAppPassword, type AppPassword, type CreatedAppPassword,
} from './appPasswords';

const dsub: AppPassword = {
  id: '0b6f3c52-1e1f-4b8e-9a43-2f0f6c1d9e10',
  name: 'DSub on my phone',
  hint: 'x7kq',
  deviceId: 12,
  createdAt: '2030-03-01T10:00:00Z',
  lastUsedAt: '2030-03-02T09:00:00Z',
};
const feishin: AppPassword = { ...dsub, id: '5c1e0d7a-3b1a-4c55-8f7e-6d2a9b0c4e21', name: 'Feishin', hint: 'm2p9', deviceId: 13, lastUsedAt: null };

describe('requests', () => {
  it('listsCreatesAndRevokesUnderTheUsersOwnPath', () => {
    expect(APP_PASSWORDS_KEY).toEqual(['user', 'app-passwords']);
    expect(listCall()).toEqual({ path: '/api/v1/user/app-passwords', options: {} });
    expect(createCall('DSub on my phone')).toEqual({
      path: '/api/v1/user/app-passwords', options: { method: 'POST', body: { name: 'DSub on my phone' } },
    });
    expect(revokeCall(dsub.id)).toEqual({ path: `/api/v1/user/app-passwords/${dsub.id}`, options: { method: 'DELETE' } });
  });

  it('sendsTheNameTrimmedAsTheServerKeepsIt', () => {
    expect(createCall('  Symfonium  ').options.body).toEqual({ name: 'Symfonium' });
  });

  it('neverPutsAnUnescapedIdInThePath', () => {
    expect(revokeCall('a/b?c').path).toBe('/api/v1/user/app-passwords/a%2Fb%3Fc');
  });
});

describe('the name, checked before sending (the server\'s rule)', () => {
  it('takesOneToAHundredCharactersOnceTrimmed', () => {
    expect(nameProblem('DSub on my phone')).toBeNull();
    expect(nameProblem('x'.repeat(100))).toBeNull();
    expect(nameProblem(`  ${'x'.repeat(100)}  `)).toBeNull();
    expect(nameProblem('x'.repeat(101))).toMatch(/at most 100/);
  });

  it('refusesAnEmptyOrBlankNameSayingWhatToType', () => {
    expect(nameProblem('')).toMatch(/DSub on my phone/);
    expect(nameProblem('   ')).toMatch(/Name the app/);
  });

  it('refusesControlCharacters', () => {
    expect(nameProblem('DSub\u0007')).toMatch(/control characters/);
    expect(nameProblem('DSub\u0085phone')).toMatch(/control characters/);
  });
});

describe('messages', () => {
  it('showsTheServersMessage', () => {
    const tooMany = new ApiError(409, 'too_many_app_passwords', 'You have 20 app passwords: revoke one you no longer use first');
    expect(problemMessage(tooMany, 'fallback')).toBe('You have 20 app passwords: revoke one you no longer use first');
    expect(problemMessage(new ApiError(400, 'invalid_field', ''), 'The app password could not be created'))
      .toBe('The app password could not be created');
  });

  it('fallsBackForWhatIsNotAnError', () => {
    expect(problemMessage('?', 'fallback')).toBe('fallback');
    expect(problemMessage(new Error('boom'), 'fallback')).toBe('boom');
  });
});

describe('what a row says', () => {
  const now = new Date('2030-03-02T12:00:00Z');

  it('showsTheHintAfterAnEllipsis', () => {
    expect(hintText('x7kq')).toBe('…x7kq');
  });

  it('saysWhenItWasCreated', () => {
    expect(createdText(dsub.createdAt)).toMatch(/^created .*2030/);
    expect(createdText('not a date')).toBe('');
  });

  it('saysWhenItWasLastUsedOrThatItNeverWas', () => {
    expect(lastUsedText(null, now)).toBe('never used');
    expect(lastUsedText(undefined, now)).toBe('never used');
    expect(lastUsedText('2030-03-02T11:59:30Z', now)).toBe('last used just now');
    expect(lastUsedText('2030-03-02T11:55:00Z', now)).toBe('last used 5 min ago');
    expect(lastUsedText(dsub.lastUsedAt, now)).toBe('last used 3 h ago');
    expect(lastUsedText('2030-03-01T11:00:00Z', now)).toBe('last used yesterday');
    expect(lastUsedText('2030-01-15T11:00:00Z', now)).toMatch(/^last used (?!.*ago)/);
  });
});

describe('the cached list', () => {
  const created: CreatedAppPassword = {
    id: '9d0c2a41-7f6e-4b3a-8c1d-0e5f4a3b2c19', name: 'Amperfy', secret: 'abcd-efgh-ijkm-npqr-st23', hint: 'st23', deviceId: 14,
    createdAt: '2030-03-03T08:00:00Z',
  };

  it('putsANewOneFirstWithoutItsSecret', () => {
    const next = withCreated([dsub, feishin], created);
    expect(next.map((p) => p.name)).toEqual(['Amperfy', 'DSub on my phone', 'Feishin']);
    expect(next[0]).toEqual({
      id: created.id, name: 'Amperfy', hint: 'st23', deviceId: 14, createdAt: '2030-03-03T08:00:00Z', lastUsedAt: null,
    });
    expect(JSON.stringify(next)).not.toContain(created.secret);
  });

  it('startsTheListWhenNoneWasReadAndNeverListsOneTwice', () => {
    expect(withCreated(undefined, created).map((p) => p.id)).toEqual([created.id]);
    const again = withCreated(withCreated([dsub], created), created);
    expect(again.map((p) => p.id)).toEqual([created.id, dsub.id]);
  });

  it('leavesOutARevokedOneWithoutChangingTheOldList', () => {
    const list = [dsub, feishin];
    expect(withoutAppPassword(list, dsub.id)).toEqual([feishin]);
    expect(list).toHaveLength(2);
    expect(withoutAppPassword(undefined, dsub.id)).toBeUndefined();
  });
});
