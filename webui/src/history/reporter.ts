import { api, ApiError } from '../api/client';
import { usePlayer } from '../player/player';
import { learnServerTime, serverNow } from '../sync/serverClock';
import { onSyncMessage, useSynced } from '../sync/sync';
import { PlayReporter, ReportQueue, type PlayerMoment, type QueuedReport, type Report, type SendResult } from './playReports';

const RETRY_MS = 60_000;

/**
 * Wires {@link PlayReporter} and {@link ReportQueue} (playReports.ts) to the player and the sync socket for the signed-in
 * user: while the socket is down the player's changes are queued as play reports, stamped with the server's time as
 * this device reckons it; when it is back they are sent in order (and every minute while some wait). Returns the way
 * to stop.
 */
export function startPlayReports(userId: number): () => void {
  const queue = new ReportQueue(localStorage, `resonance.playReports.${userId}`);
  const reporter = new PlayReporter();
  const learn = (serverTime: unknown) => learnServerTime(serverTime);
  const stamp = (reports: Report[]): QueuedReport[] => {
    const at = serverNow();
    return reports.map((r) => ({ ...r, at }));
  };
  const online = () => useSynced.getState().connected;
  const moment = (): PlayerMoment => {
    const { queue: tracks, keys, index, playing, position } = usePlayer.getState();
    const track = tracks[index];
    return { key: track ? (keys[index] ?? null) : null, trackId: track?.id ?? null, durationMs: track?.durationMs ?? 0, playing, positionMs: position * 1000 };
  };
  const send = async (report: QueuedReport): Promise<SendResult> => {
    try {
      learn((await api<{ serverTime?: string }>('/api/v1/user/plays', { method: 'POST', body: report })).serverTime);
      return 'sent';
    } catch (error) {
      // refused for good (a track removed meanwhile, a report the server will never take): dropped; else tried later
      return error instanceof ApiError && (error.status === 400 || error.status === 404) ? 'refused' : 'failed';
    }
  };
  const flush = () => {
    if (online()) void queue.flush(send);
  };

  const stopPlayer = usePlayer.subscribe(() => {
    const reports = reporter.observe(moment(), performance.now());
    if (reports.length > 0 && !online()) queue.add(stamp(reports));
  });
  const stopSynced = useSynced.subscribe((now, before) => {
    if (now.connected === before.connected) return;
    queue.add(stamp(reporter.connectionChanged(now.connected)));
    flush();
  });
  const stopMessages = onSyncMessage((message) => {
    if (message.type === 'snapshot') learn(message.serverTime);
  });
  const retry = setInterval(flush, RETRY_MS);
  flush();
  return () => {
    stopPlayer();
    stopSynced();
    stopMessages();
    clearInterval(retry);
  };
}
