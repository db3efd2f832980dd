import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, apiResponse, ApiError, KEEPALIVE_MAX_BODY, requestInit } from './client';

const headers = (init: RequestInit) => init.headers as Record<string, string>;

describe('requestInit', () => {
  it('readsWithoutCsrfOrBodyAndWithoutKeepalive', () => {
    const init = requestInit({});
    expect(init.method).toBe('GET');
    expect(headers(init)).toEqual({ Accept: 'application/json' });
    expect(init.body).toBeUndefined();
    expect(init.keepalive).toBe(false);
    expect(init.credentials).toBe('same-origin');
  });

  it('sendsAJsonBodyWithTheCsrfHeaderAndKeepalive', () => {
    const init = requestInit({ method: 'PUT', body: { rating: 4 } });
    expect(headers(init)).toEqual({ Accept: 'application/json', 'X-Resonance-CSRF': '1', 'Content-Type': 'application/json' });
    expect(init.body).toBe('{"rating":4}');
    expect(init.keepalive).toBe(true);
  });

  it('putsTheCsrfHeaderOnADeleteWithoutBody', () => {
    const init = requestInit({ method: 'DELETE' });
    expect(headers(init)['X-Resonance-CSRF']).toBe('1');
    expect(headers(init)['Content-Type']).toBeUndefined();
  });

  it('sendsARawBodyAsIsWithItsContentTypeAndTheCsrfHeader', () => {
    const file = new Blob(['#EXTM3U\nmusic/a.mp3\n'], { type: 'audio/x-mpegurl' });
    const init = requestInit({ method: 'POST', rawBody: file, contentType: 'audio/x-mpegurl' });
    expect(init.body).toBe(file);
    expect(headers(init)).toEqual({ Accept: 'application/json', 'X-Resonance-CSRF': '1', 'Content-Type': 'audio/x-mpegurl' });
    expect(init.keepalive).toBe(true);
  });

  it('givesARawBodyWithoutTypeTheOctetStreamType', () => {
    expect(headers(requestInit({ method: 'POST', rawBody: 'x' }))['Content-Type']).toBe('application/octet-stream');
  });

  it('sendsBodiesOverTheKeepaliveLimitWithoutKeepalive', () => {
    // the browser refuses a keepalive body over 64 KiB: the request would never be made
    const big = new Blob([new Uint8Array(KEEPALIVE_MAX_BODY + 1)]);
    expect(requestInit({ method: 'POST', rawBody: big }).keepalive).toBe(false);
    expect(requestInit({ method: 'POST', rawBody: new Blob([new Uint8Array(KEEPALIVE_MAX_BODY)]) }).keepalive).toBe(true);
    const ids = Array.from({ length: 10_000 }, (_, i) => 100_000 + i);
    expect(requestInit({ method: 'POST', body: { trackIds: ids } }).keepalive).toBe(false);
    // counted in bytes, not characters
    expect(requestInit({ method: 'POST', rawBody: 'é'.repeat(KEEPALIVE_MAX_BODY / 2 + 1) }).keepalive).toBe(false);
  });

  it('asksForTheTypeGiven', () => {
    expect(headers(requestInit({ accept: 'audio/x-mpegurl, application/json' })).Accept).toBe('audio/x-mpegurl, application/json');
  });
});

describe('api', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('turnsTheServersErrorIntoAnApiErrorWithItsCode', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{"error":{"code":"invite_revoked","message":"The invite was revoked"}}', { status: 410 })));
    const error = await api('/api/v1/user/playlists/join', { method: 'POST', body: { token: 't' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 410, code: 'invite_revoked', message: 'The invite was revoked' });
  });

  it('givesTheResponseItselfForAnAnswerThatIsNotJson', async () => {
    const fetch = vi.fn(async () => new Response('#EXTM3U\n', { status: 200, headers: { 'Content-Type': 'audio/x-mpegurl' } }));
    vi.stubGlobal('fetch', fetch);
    const response = await apiResponse('/api/v1/user/playlists/9/m3u8', { accept: 'audio/x-mpegurl' });
    expect(await response.text()).toBe('#EXTM3U\n');
    expect(fetch).toHaveBeenCalledWith('/api/v1/user/playlists/9/m3u8', expect.objectContaining({ method: 'GET' }));
  });

  it('reportsANetworkFailureAsOne', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    await expect(api('/api/v1/server')).rejects.toMatchObject({ status: 0, code: 'network' });
  });
});
