/**
 * The server's clock as this device reckons it: the offset (server minus device, in ms) learned from the last
 * `serverTime` the server sent (the sync snapshot, a play report's answer), kept in localStorage so that a start
 * offline still stamps with it. Connect positions and queued play reports are read and written in the server's time.
 */
const OFFSET_KEY = 'resonance.serverClockOffsetMs';

/** Learns the offset from a `serverTime` the server just sent (an ISO instant); anything else is ignored. */
export function learnServerTime(serverTime: unknown, storage: Storage = localStorage, now = Date.now()): void {
  const t = typeof serverTime === 'string' ? Date.parse(serverTime) : NaN;
  if (Number.isFinite(t)) storage.setItem(OFFSET_KEY, String(t - now));
}

/** The server's time now, as an ISO instant (this device's clock when nothing was learned yet). */
export function serverNow(storage: Storage = localStorage, now = Date.now()): string {
  return new Date(now + (Number(storage.getItem(OFFSET_KEY)) || 0)).toISOString();
}
