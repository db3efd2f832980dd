import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { useSession } from './session';

/**
 * Sign in, or create the first account (the server makes it the admin: from the server's own machine as is, from
 * elsewhere with the setup code it logged at start; later accounts only while registration is open).
 */
export function SignIn({ reason }: { reason?: string }) {
  const { signIn, register } = useSession();
  const [mode, setMode] = useState<'sign-in' | 'register'>('sign-in');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [setupCode, setSetupCode] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const [error, setError] = useState<string | undefined>(reason);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      if (mode === 'sign-in') {
        await signIn(username, password);
      } else {
        await register(username, password, setupCode);
      }
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'setup_code_required' || err.code === 'invalid_setup_code')) {
        setNeedsCode(true);
      }
      setError(err instanceof ApiError ? err.message : 'Something went wrong');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="signin">
      <form className="signin__form" onSubmit={(e) => void submit(e)} aria-labelledby="signin-title">
        <h1 id="signin-title">Resonance</h1>
        <p className="signin__lead">{mode === 'sign-in' ? 'Sign in to your music' : 'Create an account'}</p>
        <label>
          Username
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete={mode === 'sign-in' ? 'current-password' : 'new-password'}
            value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {mode === 'register' && needsCode && (
          <label>
            Setup code (in the server's log)
            <input name="setupCode" value={setupCode} onChange={(e) => setSetupCode(e.target.value)} />
          </label>
        )}
        {error && <p className="signin__error" role="alert">{error}</p>}
        <button type="submit" disabled={busy}>{mode === 'sign-in' ? 'Sign in' : 'Create account'}</button>
        <button type="button" className="link" onClick={() => { setMode(mode === 'sign-in' ? 'register' : 'sign-in'); setError(undefined); }}>
          {mode === 'sign-in' ? 'First time here? Create an account' : 'I have an account'}
        </button>
      </form>
    </main>
  );
}
