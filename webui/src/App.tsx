import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useEffect } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { HomePage } from './app/HomePage';
import { Layout } from './app/Layout';
import { NotFound } from './app/NotFound';
import { SignIn } from './auth/SignIn';
import { useSession } from './auth/session';
import { AlbumPage } from './library/AlbumPage';
import { AlbumsPage } from './library/AlbumsPage';
import { ArtistPage } from './library/ArtistPage';
import { ArtistsPage } from './library/ArtistsPage';
import { SearchPage } from './library/SearchPage';
import { DownloadsPage } from './offline/DownloadsPage';
import { QueuePage } from './player/QueuePage';
import { PlaylistPage } from './playlists/PlaylistPage';
import { PlaylistsPage } from './playlists/PlaylistsPage';
import { startPlayReports } from './history/reporter';
import { JOIN_ROUTE } from './playlists/sharing';
import { startConnect } from './player/connect';
import { useApplyAppearance } from './settings/useAppearance';
import { onSyncEvent, startSync, stopSync } from './sync/sync';

// pages few users open load when opened (the first screen's budget: scripts/budget.mjs)
const LibraryAdminPage = lazy(() => import('./admin/LibraryAdminPage').then((m) => ({ default: m.LibraryAdminPage })));
const SettingsPage = lazy(() => import('./settings/SettingsPage').then((m) => ({ default: m.SettingsPage })));
const StatsPage = lazy(() => import('./history/StatsPage').then((m) => ({ default: m.StatsPage })));
const GenresPage = lazy(() => import('./library/GenresPage').then((m) => ({ default: m.GenresPage })));
const GenrePage = lazy(() => import('./library/GenrePage').then((m) => ({ default: m.GenrePage })));
const PluginsPage = lazy(() => import('./admin/PluginsPage').then((m) => ({ default: m.PluginsPage })));
const JoinPage = lazy(() => import('./playlists/JoinPage').then((m) => ({ default: m.JoinPage })));
const UsersPage = lazy(() => import('./admin/UsersPage').then((m) => ({ default: m.UsersPage })));

const queries = new QueryClient({
  defaultOptions: { queries: { staleTime: 60_000, retry: 1, refetchOnWindowFocus: false } },
});

const router = createBrowserRouter([
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'search', element: <SearchPage /> },
      { path: 'albums', element: <AlbumsPage /> },
      { path: 'albums/:id', element: <AlbumPage /> },
      { path: 'artists', element: <ArtistsPage /> },
      { path: 'artists/:id', element: <ArtistPage /> },
      { path: 'genres', element: <Suspense fallback={<p className="muted">Loading…</p>}><GenresPage /></Suspense> },
      { path: 'genres/:id', element: <Suspense fallback={<p className="muted">Loading…</p>}><GenrePage /></Suspense> },
      { path: 'playlists', element: <PlaylistsPage /> },
      { path: 'downloads', element: <DownloadsPage /> },
      { path: 'queue', element: <QueuePage /> },
      { path: 'stats', element: <Suspense fallback={<p className="muted">Loading…</p>}><StatsPage /></Suspense> },
      { path: 'playlists/:id', element: <PlaylistPage /> },
      // an invite link (playlists/sharing.ts); the server serves the app there, and signed out the sign-in page comes first
      { path: JOIN_ROUTE, element: <Suspense fallback={<p className="muted">Loading…</p>}><JoinPage /></Suspense> },
      { path: 'settings', element: <Suspense fallback={<p className="muted">Loading…</p>}><SettingsPage /></Suspense> },
      { path: 'admin/server', element: <Suspense fallback={<p className="muted">Loading…</p>}><LibraryAdminPage /></Suspense> },
      { path: 'admin/plugins', element: <Suspense fallback={<p className="muted">Loading…</p>}><PluginsPage /></Suspense> },
      { path: 'admin/users', element: <Suspense fallback={<p className="muted">Loading…</p>}><UsersPage /></Suspense> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

/** The app: the sign-in page until there is a session, then the library. */
export function App() {
  const state = useSession((s) => s.state);
  const restore = useSession((s) => s.restore);
  useApplyAppearance();
  useEffect(() => {
    void restore();
  }, [restore]);
  const userId = state.status === 'signed-in' ? state.user.id : null;
  useEffect(() => {
    if (userId === null) return;
    const stopConnect = startConnect();
    const stopReports = startPlayReports(userId);
    startSync().catch(() => {
      // the snapshot could not be read: likes show as not liked until the next start; the socket still retries
    });
    // playlists are read by REST: another device's (or a collaborator's) edit makes them read again
    const stopListening = onSyncEvent((event) => {
      if (event.type.startsWith('playlist.')) {
        void queries.invalidateQueries({ queryKey: ['playlists'] });
        if (typeof event.payload.playlistId === 'number') {
          void queries.invalidateQueries({ queryKey: ['playlist', event.payload.playlistId] });
        }
      }
    });
    return () => {
      stopListening();
      stopReports();
      stopConnect();
      stopSync();
    };
  }, [userId]);
  if (state.status === 'unknown') {
    return <div className="splash" aria-busy="true">Resonance</div>;
  }
  if (state.status === 'signed-out') {
    return <SignIn reason={state.reason} />;
  }
  return (
    <QueryClientProvider client={queries}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
