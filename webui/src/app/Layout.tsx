import { useEffect } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { canManageUsers } from '../admin/access';
import { useSession } from '../auth/session';
import { LyricsPanel } from '../player/LyricsPanel';
import { PlayerBar } from '../player/PlayerBar';
import { usePlayer } from '../player/player';
import { shortcut } from './shortcuts';

const LINKS = [
  { to: '/', label: 'Home', end: true },
  { to: '/search', label: 'Search' },
  { to: '/albums', label: 'Albums' },
  { to: '/artists', label: 'Artists' },
  { to: '/genres', label: 'Genres' },
  { to: '/playlists', label: 'Playlists' },
  { to: '/downloads', label: 'Downloads' },
  { to: '/stats', label: 'Your stats' },
  { to: '/settings', label: 'Settings' },
];

/** The shell: navigation (a sidebar on wide screens, a bar at the bottom on phones), the page, the player. */
export function Layout() {
  const state = useSession((s) => s.state);
  const signOut = useSession((s) => s.signOut);
  const navigate = useNavigate();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (shortcut(e, usePlayer.getState(), () => void navigate('/search'))) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);
  return (
    <div className="shell">
      <nav className="nav" aria-label="Main">
        <span className="nav__brand">Resonance</span>
        {LINKS.map((l) => (
          <NavLink key={l.to} to={l.to} end={l.end} className="nav__link">{l.label}</NavLink>
        ))}
        {state.status === 'signed-in' && state.user.role === 'admin' && (
          <>
            <NavLink to="/admin/server" className="nav__link">Server</NavLink>
            <NavLink to="/admin/plugins" className="nav__link">Plugins</NavLink>
          </>
        )}
        {state.status === 'signed-in' && canManageUsers(state.user) && (
          <NavLink to="/admin/users" className="nav__link">Users</NavLink>
        )}
        {state.status === 'signed-in' && (
          <div className="nav__user">
            <span>{state.user.displayName || state.user.username}</span>
            <button type="button" className="link" onClick={() => void signOut()}>Sign out</button>
          </div>
        )}
      </nav>
      <main className="page" id="main">
        {state.status === 'signed-in' && state.offline && (
          <p className="offline" role="status">Offline: the server cannot be reached. Downloaded music plays.</p>
        )}
        <Outlet />
        <LyricsPanel />
      </main>
      <PlayerBar />
    </div>
  );
}
