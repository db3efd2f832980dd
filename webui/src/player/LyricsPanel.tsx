import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api, ApiError } from '../api/client';
import { activeLineIndex } from './engine';
import { toShown, type LyricsAnswer } from './lyrics';
import { usePlayer } from './player';

/**
 * The lyrics of what plays: synced ones follow the position (the current line highlighted and kept in view; a click on
 * a line seeks there), plain ones as text. Hidden when there are none — or no lyrics plugin (the API answers 404).
 */
export function LyricsPanel() {
  const track = usePlayer((s) => s.queue[s.index]);
  const position = usePlayer((s) => s.position);
  const seek = usePlayer((s) => s.seek);
  const lyrics = useQuery({
    queryKey: ['lyrics', track?.id],
    enabled: track !== undefined,
    retry: false,
    staleTime: Infinity,
    queryFn: async ({ signal }) => {
      try {
        return await api<LyricsAnswer>(`/api/v1/content/tracks/${track?.id}/lyrics`, { signal });
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return undefined; // no lyrics plugin
        throw e;
      }
    },
  });
  const shown = toShown(lyrics.data ?? undefined);
  const active = shown?.synced ? activeLineIndex(shown.lines, position) : -1;
  const current = useRef<HTMLLIElement>(null);
  useEffect(() => {
    current.current?.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
  }, [active]);
  if (!track || !shown) return null;
  return (
    <aside className="lyrics" aria-label="Lyrics">
      {shown.synced ? (
        <ol>
          {shown.lines.map((l, i) => (
            <li key={i} ref={i === active ? current : undefined} className={i === active ? 'lyrics__line lyrics__line--active' : 'lyrics__line'}
              aria-current={i === active ? 'true' : undefined}>
              <button type="button" onClick={() => seek(l.time)}>{l.text || '♪'}</button>
            </li>
          ))}
        </ol>
      ) : (
        <div className="lyrics__plain">{shown.lines.map((l, i) => <p key={i}>{l}</p>)}</div>
      )}
    </aside>
  );
}
