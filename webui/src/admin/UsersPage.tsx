import { useId, useState, type FormEvent } from 'react';
import { useSession } from '../auth/session';
import { useLibraries } from './libraryQueries';
import {
  choiceOf, deleteCall, describeAccess, describePermission, expiryFromInput, libraryChoiceProblem, newUserProblem, passwordCall,
  passwordProblem, patchCall, permissionCall, permissionStates, problemMessage, ROLES, useCreateUser, useLibraryAccess,
  useSaveLibraryAccess, useSaveServerSettings, useServerSettings, useUserChange, useUsers, type AdminUser, type LibraryChoice,
  type NewUser, type Role,
} from './users';

/**
 * Users and permissions, for holders of ManagePermissions: who has an account, their role and permissions; create a
 * user, change a role, enable or disable, grant or revoke one permission (optionally until a time), choose the
 * libraries they see, reset a password, delete (after a confirmation); and whether anyone may register. A server's
 * refusal shows next to what caused it.
 */
export function UsersPage() {
  const users = useUsers();
  const self = useSession((s) => (s.state.status === 'signed-in' ? s.state.user.id : null));
  const list = users.data?.pages.flatMap((p) => p.users) ?? [];
  return (
    <section aria-labelledby="users-title" className="users-page">
      <header className="page-header"><h1 id="users-title">Users</h1></header>
      <Registration />
      <CreateUser />
      <h2>Accounts</h2>
      {users.isError && <p role="alert">{problemMessage(users.error, 'The users could not be read')}</p>}
      {users.isPending && <p className="muted">Loading…</p>}
      <ul className="users" aria-label="Users">
        {list.map((u) => <UserCard key={u.id} user={u} self={u.id === self} />)}
      </ul>
      {users.hasNextPage && (
        <button type="button" className="more" onClick={() => void users.fetchNextPage()} disabled={users.isFetchingNextPage}>
          More users
        </button>
      )}
    </section>
  );
}

function Registration() {
  const settings = useServerSettings();
  const save = useSaveServerSettings();
  const hint = useId();
  // what was clicked shows at once; the server's value again once it answers (a refusal puts the old one back)
  const [shown, setShown] = useState<boolean | null>(null);
  return (
    <section aria-labelledby="registration-title">
      <h2 id="registration-title">Registration</h2>
      {settings.isError && <p role="alert">{problemMessage(settings.error, 'The setting could not be read')}</p>}
      {settings.data && (
        <label className="settings__check">
          <input type="checkbox" checked={shown ?? settings.data.registrationOpen} disabled={save.isPending} aria-describedby={hint}
            onChange={(e) => {
              setShown(e.target.checked);
              save.mutate({ registrationOpen: e.target.checked }, { onSettled: () => setShown(null) });
            }} />
          Registration open
        </label>
      )}
      <p id={hint} className="muted">While open, anyone who reaches this server can create an account on the sign-in page.</p>
      {save.isError && <p role="alert">{problemMessage(save.error, 'The setting could not be saved')}</p>}
    </section>
  );
}

const EMPTY: NewUser = { username: '', password: '', displayName: '', role: 'regular' };

function CreateUser() {
  const create = useCreateUser();
  const [user, setUser] = useState<NewUser>(EMPTY);
  const [problem, setProblem] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const ids = { username: useId(), password: useId(), displayName: useId(), role: useId() };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setCreated(null);
    const wrong = newUserProblem(user);
    setProblem(wrong);
    if (wrong) return;
    create.mutate(user, {
      onSuccess: (u) => {
        setCreated(u.username);
        setUser(EMPTY);
      },
      onError: (error) => setProblem(problemMessage(error, 'The user could not be created')),
    });
  };
  return (
    <form className="user-form" aria-label="New user" onSubmit={submit} noValidate>
      <h2>New user</h2>
      <div className="user-form__fields">
        <label htmlFor={ids.username}>Username</label>
        <input id={ids.username} autoComplete="off" value={user.username} onChange={(e) => setUser({ ...user, username: e.target.value })} />
        <label htmlFor={ids.password}>Password</label>
        <input id={ids.password} type="password" autoComplete="new-password" value={user.password}
          onChange={(e) => setUser({ ...user, password: e.target.value })} />
        <label htmlFor={ids.displayName}>Display name (optional)</label>
        <input id={ids.displayName} value={user.displayName} onChange={(e) => setUser({ ...user, displayName: e.target.value })} />
        <label htmlFor={ids.role}>Role</label>
        <select id={ids.role} value={user.role} onChange={(e) => setUser({ ...user, role: e.target.value as Role })}>
          {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
      </div>
      {problem && <p role="alert" className="problem">{problem}</p>}
      {created && <p role="status">{created} can sign in now.</p>}
      <button type="submit" className="primary" disabled={create.isPending}>Create user</button>
    </form>
  );
}

/** One user: what they are and hold, and every change to them; a refusal shows next to the control it answers. */
function UserCard({ user, self }: { user: AdminUser; self: boolean }) {
  const change = useUserChange();
  const [until, setUntil] = useState('');
  const [displayName, setDisplayName] = useState<string | null>(null);
  const [password, setPassword] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [local, setLocal] = useState<{ key: string; message: string } | null>(null);
  const name = user.username;
  const run = (key: string, call: Parameters<typeof change.mutate>[0]['call'], onSuccess?: () => void) => {
    setLocal(null);
    change.mutate({ id: user.id, call, key }, { onSuccess });
  };
  /** The problem to show beside the control `key`, if the last change made there failed. */
  const problemAt = (key: string) => {
    const message = local?.key === key ? local.message
      : change.isError && change.variables?.key === key ? problemMessage(change.error) : null;
    return message ? <p role="alert" className="problem">{message}</p> : null;
  };
  const doneAt = (key: string) => change.isSuccess && change.variables?.key === key;
  const grant = (permission: string) => {
    let expiresAt: string | undefined;
    try {
      expiresAt = expiryFromInput(until);
    } catch (e) {
      setLocal({ key: 'until', message: (e as Error).message });
      return;
    }
    run(`permission:${permission}`, permissionCall(user.id, permission, 'grant', expiresAt));
  };
  const setNewPassword = (e: FormEvent) => {
    e.preventDefault();
    const wrong = passwordProblem(password ?? '');
    if (wrong) {
      setLocal({ key: 'password', message: wrong });
      return;
    }
    run('password', passwordCall(user.id, password ?? ''), () => setPassword(null));
  };
  const saveDisplayName = (e: FormEvent) => {
    e.preventDefault();
    run('displayName', patchCall(user.id, { displayName: displayName ?? '' }), () => setDisplayName(null));
  };
  return (
    <li className={`user${user.disabled ? ' user--disabled' : ''}`} aria-label={name}>
      <div className="user__head">
        <strong>{name}</strong>
        {user.displayName && <span className="muted">{user.displayName}</span>}
        <span className="badge">{user.role}</span>
        {user.disabled && <span className="badge badge--failed">disabled</span>}
        {self && <span className="muted">(you)</span>}
      </div>

      <div className="user__row">
        <label className="user__inline">
          Role
          <select aria-label={`Role of ${name}`} value={user.role} disabled={change.isPending}
            onChange={(e) => run('role', patchCall(user.id, { role: e.target.value as Role }))}>
            {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
        </label>
        <button type="button" disabled={change.isPending}
          onClick={() => run('disabled', patchCall(user.id, { disabled: !user.disabled }))}>
          {user.disabled ? `Enable ${name}` : `Disable ${name}`}
        </button>
      </div>
      {problemAt('role')}
      {problemAt('disabled')}

      <form className="user__row" aria-label={`Display name of ${name}`} onSubmit={saveDisplayName}>
        <input aria-label={`Display name of ${name}`} placeholder="Display name" value={displayName ?? user.displayName ?? ''}
          onChange={(e) => setDisplayName(e.target.value)} />
        <button type="submit" disabled={change.isPending || displayName === null}>Save display name</button>
      </form>
      {problemAt('displayName')}

      <fieldset className="user__permissions">
        <legend>Permissions</legend>
        <label className="user__inline">
          Grants until (optional)
          <input type="datetime-local" aria-label={`Grants to ${name} until`} value={until} onChange={(e) => setUntil(e.target.value)} />
        </label>
        {problemAt('until')}
        <ul aria-label={`Permissions of ${name}`}>
          {permissionStates(user).map((p) => (
            <li key={p.permission} className={p.held ? 'held' : undefined}>
              <code>{p.permission}</code>
              <span className="muted">{describePermission(p)}</span>
              {p.action === 'grant'
                ? <button type="button" aria-label={`Grant ${p.permission} to ${name}`} disabled={change.isPending}
                    onClick={() => grant(p.permission)}>Grant</button>
                : <button type="button" aria-label={`Revoke ${p.permission} from ${name}`} disabled={change.isPending}
                    onClick={() => run(`permission:${p.permission}`, permissionCall(user.id, p.permission, 'revoke'))}>Revoke</button>}
              {problemAt(`permission:${p.permission}`)}
            </li>
          ))}
        </ul>
      </fieldset>

      <LibraryAccess user={user} />

      <div className="user__row">
        {password === null
          ? <button type="button" onClick={() => { setLocal(null); setPassword(''); }}>Reset password of {name}</button>
          : (
            <form className="user__row" aria-label={`Reset password of ${name}`} onSubmit={setNewPassword}>
              <input type="password" autoComplete="new-password" aria-label={`New password for ${name}`} value={password}
                onChange={(e) => setPassword(e.target.value)} />
              <button type="submit" disabled={change.isPending}>Set password</button>
              <button type="button" className="link" onClick={() => { setLocal(null); setPassword(null); }}>Cancel</button>
            </form>
          )}
        {!confirming && <button type="button" className="danger" onClick={() => setConfirming(true)}>Delete {name}</button>}
      </div>
      {problemAt('password')}
      {doneAt('password') && <p role="status">{name}'s password is set; they are signed out everywhere.</p>}
      {confirming && (
        <div className="user__confirm" role="group" aria-label={`Confirm deleting ${name}`}>
          <p>Delete {name}{self ? ' (your own account)' : ''} for good? Their playlists, likes and history go with them. This cannot be undone.</p>
          <button type="button" className="danger" disabled={change.isPending}
            onClick={() => run('delete', deleteCall(user.id), () => setConfirming(false))}>Yes, delete {name}</button>
          <button type="button" className="link" onClick={() => setConfirming(false)}>Cancel</button>
        </div>
      )}
      {problemAt('delete')}
    </li>
  );
}

/**
 * The libraries a user sees: all of them, or only those checked (at least one: the server takes "none" for "all").
 * The current value is said in words; the choice is sent with its Save button, and the server's answer replaces it.
 */
function LibraryAccess({ user }: { user: AdminUser }) {
  const access = useLibraryAccess(user.id);
  const libraries = useLibraries();
  const save = useSaveLibraryAccess(user.id);
  const [draft, setDraft] = useState<LibraryChoice | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const group = useId();
  const name = user.username;
  const known = libraries.data ?? [];
  const current = access.data && libraries.data ? choiceOf(access.data, known) : null;
  const shown = draft ?? current;
  const checked = shown && !shown.all ? shown.libraryIds : [];
  const choose = (choice: LibraryChoice) => {
    setSaved(false);
    setProblem(null);
    setDraft(choice);
  };
  const toggle = (id: number, on: boolean) =>
    choose({ all: false, libraryIds: on ? [...checked.filter((c) => c !== id), id] : checked.filter((c) => c !== id) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draft === null) return;
    const wrong = libraryChoiceProblem(draft);
    setProblem(wrong);
    if (wrong) return;
    save.mutate(draft, {
      onSuccess: () => {
        setDraft(null);
        setSaved(true);
      },
      onError: (error) => setProblem(problemMessage(error, 'The libraries could not be saved')),
    });
  };
  const failed = access.error ?? libraries.error;
  return (
    <form aria-label={`Libraries of ${name}`} onSubmit={submit}>
      <fieldset className="user__libraries">
        <legend>Libraries</legend>
        {failed && <p role="alert" className="problem">{problemMessage(failed, 'The libraries could not be read')}</p>}
        {!failed && !shown && <p className="muted">Loading…</p>}
        {access.data && shown && (
          <>
            <p>
              {name} sees {describeAccess(access.data, known)}.
              {user.role === 'admin' && <span className="muted"> As an administrator, they see every library whatever is chosen here.</span>}
            </p>
            <label>
              <input type="radio" name={group} checked={shown.all} onChange={() => choose({ all: true })} />
              All libraries
            </label>
            <label>
              <input type="radio" name={group} checked={!shown.all}
                onChange={() => choose({ all: false, libraryIds: current && !current.all ? current.libraryIds : [] })} />
              Only the libraries checked below
            </label>
            {!shown.all && (
              <ul aria-label={`Libraries ${name} may see`}>
                {known.map((l) => (
                  <li key={l.id}>
                    <label>
                      <input type="checkbox" checked={checked.includes(l.id)} onChange={(e) => toggle(l.id, e.target.checked)} />
                      {l.name}
                    </label>
                  </li>
                ))}
              </ul>
            )}
            <button type="submit" disabled={save.isPending || draft === null}>Save libraries of {name}</button>
          </>
        )}
        {problem && <p role="alert" className="problem">{problem}</p>}
        {saved && <p role="status">Saved.</p>}
      </fieldset>
    </form>
  );
}
