import { describe, expect, it } from 'vitest';
import { changes, type Field } from './plugins';

const field = (id: string, type: Field['type'], value?: unknown): Field => ({
  id, name: id, description: '', type, secret: type === 'secret', defaults: [], options: {}, value, set: value !== undefined,
});

const fields = [field('enabled', 'boolean', true), field('days', 'integer', 30), field('url', 'string', 'https://lrclib.net'),
  field('token', 'secret')];

describe('plugin settings form', () => {
  it('sendsOnlyWhatChangedTypedAsTheField', () => {
    expect(changes(fields, { enabled: false, days: '7', url: 'https://lrclib.net', token: '' })).toEqual({ enabled: false, days: 7 });
  });

  it('clearsAFieldLeftEmptyButKeepsASecretLeftEmpty', () => {
    expect(changes(fields, { url: ' ', token: '' })).toEqual({ url: null });
  });

  it('sendsASecretOnlyWhenTyped', () => {
    expect(changes(fields, { token: 's3cret' })).toEqual({ token: 's3cret' });
  });

  it('comparesWithTheDefaultWhenNoValueIsSet', () => {
    const unset = [{ ...field('sidecars', 'boolean'), defaults: ['true'] }, { ...field('days', 'integer'), defaults: ['30'] }];
    expect(changes(unset, { sidecars: true, days: '30' })).toEqual({});
    expect(changes(unset, { sidecars: false, days: '7' })).toEqual({ sidecars: false, days: 7 });
  });

  it('sendsNothingWhenNothingChanged', () => {
    expect(changes(fields, { enabled: true, days: '30' })).toEqual({});
  });
});
