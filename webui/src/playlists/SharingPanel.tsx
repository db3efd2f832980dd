import { useRef, useState } from 'react';
import type { PlaylistDetail } from './queries';
import { DEFAULT_EXPIRY_HOURS, EXPIRIES, inviteLink, inviteState, sortedInvites, when } from './sharing';
import { useCreateInvite, useInvites, useRemoveCollaborator, useRevokeInvite, useSetCollaborative } from './sharingQueries';

/**
 * The owner's sharing of a playlist: collaborative or not, invite links (made, copied — the token is shown only once —
 * listed, revoked) and the collaborators (removed). Loaded when opened (PlaylistPage).
 */
export function SharingPanel({ detail }: { detail: PlaylistDetail }) {
  const { playlist: p, collaborators } = detail;
  const id = p.id;
  const setCollaborative = useSetCollaborative();
  const createInvite = useCreateInvite();
  const revoke = useRevokeInvite();
  const removeCollaborator = useRemoveCollaborator();
  const invites = useInvites(id, true);
  const [hours, setHours] = useState(DEFAULT_EXPIRY_HOURS);
  const [made, setMade] = useState<{ link: string; expiresAt: string }>();
  const [copied, setCopied] = useState<string>();
  const linkInput = useRef<HTMLInputElement>(null);
  const now = Date.now();
  // the choice shows at once (set in the click's own render: a controlled checkbox would flip back until the mutation's
  // state arrives); the answer (or a refusal) then decides
  const [wanted, setWanted] = useState<boolean | null>(null);
  const collaborative = wanted ?? p.collaborative;

  const create = () => {
    setCopied(undefined);
    createInvite.mutate({ id, expiresInHours: hours }, {
      onSuccess: (invite) => {
        if (invite.token) setMade({ link: inviteLink(location.origin, invite.token), expiresAt: invite.expiresAt });
      },
    });
  };

  const copy = async () => {
    if (!made) return;
    try {
      await navigator.clipboard.writeText(made.link);
      setCopied('Link copied');
    } catch {
      // no clipboard API (not a secure context) or refused: select the text for the user to copy
      linkInput.current?.select();
      setCopied(document.execCommand('copy') ? 'Link copied' : 'Select the link and copy it');
    }
  };

  const error = setCollaborative.error ?? createInvite.error ?? revoke.error ?? removeCollaborator.error;

  return (
    <section className="sharing" aria-labelledby="sharing-title">
      <h2 id="sharing-title">Sharing</h2>
      <label className="settings__check">
        <input type="checkbox" checked={collaborative} disabled={setCollaborative.isPending}
          onChange={(e) => {
            setWanted(e.target.checked);
            setCollaborative.mutate({ id, collaborative: e.target.checked }, { onSettled: () => setWanted(null) });
          }} />
        Collaborative: people you invite can add, move and remove tracks
      </label>

      {collaborative ? (
        <form className="inline-form" onSubmit={(e) => { e.preventDefault(); create(); }}>
          <label>
            Invite expires in{' '}
            <select value={hours} onChange={(e) => setHours(Number(e.target.value))}>
              {EXPIRIES.map((x) => <option key={x.hours} value={x.hours}>{x.label}</option>)}
            </select>
          </label>
          <button type="submit" className="primary" disabled={createInvite.isPending}>Create invite link</button>
        </form>
      ) : (
        <p className="muted">Make the playlist collaborative to invite people to it.</p>
      )}

      {made && (
        <div className="sharing__made">
          <label>
            Invite link
            <input ref={linkInput} readOnly value={made.link} onFocus={(e) => e.target.select()} />
          </label>
          <button type="button" onClick={() => void copy()}>Copy link</button>
          <p className="muted">
            Copy it now: the link is shown only this once. It works until {when(made.expiresAt)}, for anyone signed in
            to this server who has it.
          </p>
          {copied && <p role="status">{copied}</p>}
        </div>
      )}

      {error && <p role="alert">{error.message}</p>}

      <h3>Invites</h3>
      {invites.isError && <p role="alert">{invites.error.message}</p>}
      {invites.data && invites.data.length === 0 && <p className="muted">No invites yet.</p>}
      <ul className="rows" aria-label="Invites">
        {sortedInvites(invites.data ?? [], now).map((invite) => {
          const state = inviteState(invite, now);
          return (
            <li key={invite.id} className="sharing__row">
              <span>
                Made {when(invite.createdAt)} ·{' '}
                {state === 'active' && <>expires {when(invite.expiresAt)}</>}
                {state === 'expired' && <span className="muted">expired {when(invite.expiresAt)}</span>}
                {state === 'revoked' && invite.revokedAt && <span className="muted">revoked {when(invite.revokedAt)}</span>}
              </span>
              {state === 'active' && (
                <button type="button" disabled={revoke.isPending} aria-label={`Revoke the invite made ${when(invite.createdAt)}`}
                  onClick={() => revoke.mutate({ id, inviteId: invite.id })}>Revoke</button>
              )}
            </li>
          );
        })}
      </ul>

      <h3>Collaborators</h3>
      {collaborators.length === 0 && <p className="muted">No one else yet.</p>}
      {collaborators.length > 0 && !collaborative && (
        <p className="muted">While the playlist is not collaborative, they can only listen to it.</p>
      )}
      <ul className="rows" aria-label="Collaborators">
        {collaborators.map((c) => (
          <li key={c.id} className="sharing__row">
            <span>{c.username} <span className="muted">· since {when(c.since)}</span></span>
            <button type="button" disabled={removeCollaborator.isPending} aria-label={`Remove ${c.username}`}
              onClick={() => removeCollaborator.mutate({ id, userId: c.id })}>Remove</button>
          </li>
        ))}
      </ul>
    </section>
  );
}
