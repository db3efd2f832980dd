import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect } from 'react';
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
import { startSync, stopSync } from './sync/sync';

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
      { path: '*', element: <NotFound /> },
    ],
  },
]);

/** The app: the sign-in page until there is a session, then the library. */
export function App() {
  const state = useSession((s) => s.state);
  const restore = useSession((s) => s.restore);
  useEffect(() => {
    void restore();
  }, [restore]);
  const signedIn = state.status === 'signed-in';
  useEffect(() => {
    if (!signedIn) return;
    startSync().catch(() => {
      // the snapshot could not be read: likes show as not liked until the next start; the socket still retries
    });
    return stopSync;
  }, [signedIn]);
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
