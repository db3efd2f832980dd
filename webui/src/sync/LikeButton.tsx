import { useState } from 'react';
import { api, ApiError } from '../api/client';
import type { Kind } from './state';
import { applyAnswer, useSynced } from './sync';

/** A heart: liked or not, as synced across the user's devices; a click likes or unlikes. */
export function LikeButton({ kind, id, name }: { kind: Kind; id: number; name: string }) {
  const liked = useSynced((s) => s.state.likes[kind].has(id));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const toggle = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await api<{ liked: boolean; seq: number }>(`/api/v1/user/liked/${kind}/${id}`, { method: liked ? 'DELETE' : 'PUT' });
      applyAnswer({ seq: answer.seq, type: answer.liked ? 'like.added' : 'like.removed', payload: { type: kind, id } });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Not saved');
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className={'like' + (liked ? ' like--on' : '')} aria-pressed={liked} disabled={busy}
      aria-label={`${liked ? 'Unlike' : 'Like'} ${name}`} title={error} onClick={() => void toggle()}>
      {liked ? '♥' : '♡'}
    </button>
  );
}
