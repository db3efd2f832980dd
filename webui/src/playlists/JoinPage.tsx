import { useEffect, useRef } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { joinErrorText } from './sharing';
import { useJoin } from './sharingQueries';

/**
 * An invite link (`/playlists/join/<token>`): signed in (the app asks first when not), joins the playlist and opens
 * it; a link that is unknown, revoked or expired says so.
 */
export function JoinPage() {
  const token = useParams().token ?? '';
  const join = useJoin();
  const { mutate } = join;
  const navigate = useNavigate();
  const asked = useRef<string | null>(null);
  useEffect(() => {
    if (asked.current === token) return; // once per link (React runs effects twice in development)
    asked.current = token;
    mutate(token, { onSuccess: (joined) => void navigate(`/playlists/${joined.playlist.id}`, { replace: true }) });
  }, [token, mutate, navigate]);
  return (
    <section aria-labelledby="join-title">
      <header className="page-header"><h1 id="join-title">Join a playlist</h1></header>
      {join.isError ? (
        <>
          <p role="alert">{joinErrorText(join.error)}</p>
          <p><Link to="/playlists">Your playlists</Link></p>
        </>
      ) : (
        <p className="muted" role="status">Joining…</p>
      )}
    </section>
  );
}
