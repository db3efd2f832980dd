import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { useSession } from '../auth/session';
import {
  APP_PASSWORDS_KEY, createCall, createdText, hintText, lastUsedText, listCall, nameProblem, problemMessage, revokeCall,
  withCreated, withoutAppPassword, type AppPassword, type Call, type CreatedAppPassword,
} from './appPasswords';

function send<T>(call: Call): Promise<T> {
  return api<T>(call.path, call.options);
}

function useAppPasswords() {
  return useQuery({
    queryKey: APP_PASSWORDS_KEY,
    queryFn: ({ signal }) => {
      const call = listCall();
      return api<AppPassword[]>(call.path, { ...call.options, signal });
    },
  });
}

/** Creates one; it shows in the list at once, then the server's list replaces it. */
function useCreateAppPassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => send<CreatedAppPassword>(createCall(name)),
    onSuccess: (created) => {
      client.setQueryData<AppPassword[]>(APP_PASSWORDS_KEY, (list) => withCreated(list, created));
      void client.invalidateQueries({ queryKey: APP_PASSWORDS_KEY });
    },
  });
}

/**
 * Revokes one; it leaves the list at once, and the list is read again whatever the answer (one already gone elsewhere
 * answers 404). The web app has no query of the user's devices to refresh (the app password's device goes with it).
 */
function useRevokeAppPassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => send<void>(revokeCall(id)),
    onSuccess: (_, id) => client.setQueryData<AppPassword[]>(APP_PASSWORDS_KEY, (list) => withoutAppPassword(list, id)),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: APP_PASSWORDS_KEY });
    },
  });
}

/**
 * The settings page's app passwords: what they are for and what to type in the app, a form that creates one and shows
 * its secret this once (Copy, Done), and the list, each revoked after a confirmation. Focus goes to Copy when a secret
 * is shown, back to the name field after Done, and to the list's heading after a revocation.
 */
export function AppPasswordsSection() {
  const list = useAppPasswords();
  const username = useSession((s) => (s.state.status === 'signed-in' ? s.state.user.username : null));
  const title = useId();
  const listTitle = useRef<HTMLHeadingElement>(null);
  const passwords = list.data ?? [];
  return (
    <section aria-labelledby={title} className="app-passwords">
      <h2 id={title}>App passwords</h2>
      <p>
        Subsonic apps (DSub, Symfonium, Feishin…) sign in with an app password, never your account password. Each app
        gets its own; revoke it to sign that app out.
      </p>
      <p className="muted">In the app, type:</p>
      <dl className="app-passwords__signin">
        <dt>Server</dt>
        <dd><code>{window.location.origin}</code></dd>
        <dt>Username</dt>
        <dd>{username ? <code>{username}</code> : 'your username'}</dd>
        <dt>Password</dt>
        <dd>the app password you create for it here</dd>
      </dl>

      <CreateAppPassword />

      <h3 ref={listTitle} tabIndex={-1}>Your app passwords</h3>
      {list.isError && <p role="alert" className="problem">{problemMessage(list.error, 'Your app passwords could not be read')}</p>}
      {list.isPending && <p className="muted">Loading…</p>}
      {list.isSuccess && passwords.length === 0 && <p className="muted">No app passwords yet.</p>}
      {passwords.length > 0 && (
        <ul className="rows app-passwords__list" aria-label="App passwords">
          {passwords.map((p) => <AppPasswordRow key={p.id} password={p} onRevoked={() => listTitle.current?.focus()} />)}
        </ul>
      )}
    </section>
  );
}

/** The form, then the new secret in its box until Done; a refusal keeps what was typed. */
function CreateAppPassword() {
  const create = useCreateAppPassword();
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [made, setMade] = useState<CreatedAppPassword | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const nameInput = useRef<HTMLInputElement>(null);
  const copyButton = useRef<HTMLButtonElement>(null);
  const secretCode = useRef<HTMLElement>(null);
  const ids = { title: useId(), name: useId(), hint: useId(), problem: useId(), warning: useId() };
  useEffect(() => {
    if (made) copyButton.current?.focus();
  }, [made]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const wrong = nameProblem(name);
    setProblem(wrong);
    if (wrong) {
      nameInput.current?.focus();
      return;
    }
    create.mutate(name, {
      onSuccess: (created) => {
        setCopied(null);
        setMade(created);
        setName('');
      },
      onError: (error) => {
        setProblem(problemMessage(error, 'The app password could not be created'));
        nameInput.current?.focus();
      },
    });
  };

  const copy = async () => {
    if (!made) return;
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(made.secret);
      setCopied('Copied');
    } catch {
      // no clipboard API (not a secure context) or refused: the secret is selected for the user to copy
      const selection = window.getSelection();
      if (selection && secretCode.current) selection.selectAllChildren(secretCode.current);
      setCopied('The clipboard is not available here: select the app password above and copy it.');
    }
  };

  const done = () => {
    setMade(null);
    setCopied(null);
    nameInput.current?.focus();
  };

  return (
    <>
      <form className="app-passwords__form" aria-labelledby={ids.title} onSubmit={submit} noValidate>
        <h3 id={ids.title}>New app password</h3>
        <label htmlFor={ids.name}>Name</label>
        <input ref={nameInput} id={ids.name} autoComplete="off" placeholder="DSub on my phone" value={name}
          aria-describedby={problem ? `${ids.hint} ${ids.problem}` : ids.hint} aria-invalid={problem ? true : undefined}
          onChange={(e) => setName(e.target.value)} />
        <p id={ids.hint} className="muted">The app it is for, e.g. “DSub on my phone”.</p>
        {problem && <p id={ids.problem} role="alert" className="problem">{problem}</p>}
        <button type="submit" className="primary" disabled={create.isPending}>Create</button>
      </form>

      {made && (
        <section className="app-passwords__new" aria-label="New app password">
          <p>App password for <strong>{made.name}</strong>:</p>
          <div className="app-passwords__secret">
            <code ref={secretCode}>{made.secret}</code>
            <button ref={copyButton} type="button" aria-describedby={ids.warning} onClick={() => void copy()}>Copy</button>
          </div>
          <p id={ids.warning}><strong>It is shown only now: it cannot be shown again.</strong></p>
          {copied && <p role="status">{copied}</p>}
          <button type="button" className="primary" onClick={done}>Done</button>
        </section>
      )}
    </>
  );
}

/** One app password: its app, hint and dates; revoked after an inline confirmation. */
function AppPasswordRow({ password, onRevoked }: { password: AppPassword; onRevoked: () => void }) {
  const revoke = useRevokeAppPassword();
  const [confirming, setConfirming] = useState(false);
  const revokeButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  /** Whether the Revoke button takes the focus back once it is shown again (after Cancel). */
  const focusBack = useRef(false);
  const name = password.name;
  useEffect(() => {
    if (confirming) cancelButton.current?.focus();
    else if (focusBack.current) {
      revokeButton.current?.focus();
      focusBack.current = false;
    }
  }, [confirming]);
  const confirm = () => {
    // the row leaves the list once revoked, before a mutate() callback of it would run: the promise still resolves
    // (a refusal shows below, from the mutation's state)
    revoke.mutateAsync(password.id).then(onRevoked, () => {});
  };
  const cancel = () => {
    focusBack.current = true;
    revoke.reset();
    setConfirming(false);
  };
  return (
    <li aria-label={name} className="app-password">
      <span className="app-password__what">
        <strong>{name}</strong>{' '}
        <code className="muted" title="The app password's last characters">{hintText(password.hint)}</code>
        <span className="muted">
          {' · '}<time dateTime={password.createdAt}>{createdText(password.createdAt)}</time>
          {' · '}{password.lastUsedAt ? <time dateTime={password.lastUsedAt}>{lastUsedText(password.lastUsedAt)}</time> : lastUsedText(null)}
        </span>
      </span>
      {!confirming && (
        <button ref={revokeButton} type="button" onClick={() => { revoke.reset(); setConfirming(true); }}>Revoke {name}</button>
      )}
      {confirming && (
        <div className="user__confirm" role="group" aria-label={`Confirm revoking ${name}`}>
          <p>Revoke {name}? The app signs out and must be given a new app password.</p>
          <button type="button" className="danger" disabled={revoke.isPending}
            onClick={confirm}>Yes, revoke {name}</button>
          <button ref={cancelButton} type="button" className="link" onClick={cancel}>Cancel</button>
        </div>
      )}
      {revoke.isError && <p role="alert" className="problem">{problemMessage(revoke.error, `${name} could not be revoked`)}</p>}
    </li>
  );
}
