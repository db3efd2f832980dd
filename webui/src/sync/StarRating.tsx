import { useEffect, useId, useMemo, useState } from 'react';
import { api, ApiError } from '../api/client';
import { answered, latestWins, ratingEvent, ratingRequest, ratingSummary, shownRating, starLabel, STARS, type Pending, type RatingAnswer } from './rating';
import type { Kind } from './state';
import { applyAnswer, useSynced } from './sync';

/**
 * 0–5 stars, as synced across the user's devices (like {@link LikeButton}): a radio group — one tab stop, the arrow
 * keys move the rating, each star named "Rate <name> <n> stars" — and a button that clears it. A choice shows at
 * once and is sent (only the last of quick changes); the answer's `seq` makes it the synced state's.
 */
export function StarRating({ kind, id, name, compact = false }: { kind: Kind; id: number; name: string; compact?: boolean }) {
  const synced = useSynced((s) => s.state.ratings[kind].get(id) ?? 0);
  const [pending, setPending] = useState<Pending | null>(null);
  // the seq only matters while a choice made here waits for the synced state (no re-render of every row per event)
  const syncedSeq = useSynced((s) => (pending?.seq === undefined ? 0 : s.state.seq));
  const [error, setError] = useState<string>();
  const group = useId();
  const send = useMemo(() => latestWins(async (rating: number) => {
    const request = ratingRequest(kind, id, rating);
    const answer = await api<RatingAnswer>(request.path, { method: request.method, body: request.body });
    applyAnswer(ratingEvent(answer));
    setPending((p) => answered(p, rating, answer.seq));
  }), [kind, id]);
  const shown = shownRating(synced, syncedSeq, pending);
  useEffect(() => {
    if (pending?.seq !== undefined && syncedSeq >= pending.seq) setPending(null); // the synced state has it now
  }, [pending, syncedSeq]);

  const choose = (rating: number) => {
    setError(undefined);
    setPending({ rating });
    send(rating).catch((e: unknown) => {
      setPending(null);
      setError(e instanceof ApiError ? e.message : 'Not saved');
    });
  };

  return (
    <div className={'rating' + (compact ? ' rating--compact' : '')} role="radiogroup" aria-label={`Rating of ${name}`}
      aria-describedby={group + '-now'}>
      {STARS.map((n) => (
        <span key={n} className="rating__cell">
          <input type="radio" className="rating__input" name={group} value={n} checked={shown === n}
            aria-label={starLabel(name, n)} onChange={() => choose(n)} />
          <span aria-hidden="true" className={'rating__star' + (n <= shown ? ' rating__star--on' : '')}>{n <= shown ? '★' : '☆'}</span>
        </span>
      ))}
      <span id={group + '-now'} className="rating__sr">{ratingSummary(shown)}</span>
      <button type="button" className={'rating__clear' + (shown === 0 ? ' rating__clear--none' : '')} aria-label={`Clear rating of ${name}`}
        title="Clear rating" onClick={() => choose(0)}>×</button>
      {error && <span role="alert" className="rating__error" title={error}>{compact ? 'Not saved' : error}</span>}
    </div>
  );
}
