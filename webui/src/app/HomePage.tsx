import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Component, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { AlbumDetail, Track } from '../api/types';
import { useSession } from '../auth/session';
import { AlbumGrid } from '../library/AlbumGrid';
import { useAlbums } from '../library/queries';
import { usePlayer } from '../player/player';
import {
  greeting, listensText, playedAgo, recentlyPlayedPath, recentPlayback, RECENTLY_ADDED_LIMIT, sectionView, topEntries, topPath,
  type RecentTrack, type TopItem, type TopKind,
} from './home';

/**
 * Home: what you played last, what was added to the library, your top of the month. Each section reads on its own and
 * says on its own when it is loading, empty or failed, so one failing never blanks the page.
 *
 * Weekly Discover has no slot yet: nothing in the API delivers it (docs/plugins.md: the features that ask a
 * `Recommender` come with their own issues; a plugin cannot make a playlist for a user, and no playlist or event is
 * marked as the weekly one). It gets its section when that exists, not an empty box before.
 */
export function HomePage() {
  const state = useSession((s) => s.state);
  const name = state.status === 'signed-in' ? state.user.displayName || state.user.username : '';
  return (
    <div className="home">
      <h1>{greeting(new Date().getHours())}{name ? `, ${name}` : ''}</h1>
      <HomeSection id="home-played" title="Recently played"><RecentlyPlayed /></HomeSection>
      <HomeSection id="home-added" title="Recently added" more={{ to: '/albums?sort=recent', label: 'Show all' }}><RecentlyAdded /></HomeSection>
      <HomeSection id="home-top" title="Your top this month" more={{ to: '/stats', label: 'More of your listening' }}><YourTop /></HomeSection>
    </div>
  );
}

function HomeSection({ id, title, more, children }: { id: string; title: string; more?: { to: string; label: string }; children: ReactNode }) {
  return (
    <section className="home__section" aria-labelledby={id}>
      <header className="home__head">
        <h2 id={id}>{title}</h2>
        {more && <Link to={more.to} className="home__more">{more.label}</Link>}
      </header>
      <SectionBoundary>{children}</SectionBoundary>
    </section>
  );
}

/** A section whose drawing throws says so in its place; the rest of the page stays. */
class SectionBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    return this.state.failed ? <p role="alert">This section could not be shown.</p> : this.props.children;
  }
}

function RecentlyPlayed() {
  const recent = useQuery({
    queryKey: ['history', 'tracks', 'home'],
    queryFn: ({ signal }) => api<{ items: RecentTrack[] }>(recentlyPlayedPath(), { signal }),
  });
  const client = useQueryClient();
  const playTracks = usePlayer((s) => s.playTracks);
  const [starting, setStarting] = useState<number | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const items = recent.data?.items ?? [];
  const view = sectionView([{ pending: recent.isPending, failed: recent.isError, count: items.length }]);

  const play = async (trackId: number) => {
    setStarting(trackId);
    setFailure(null);
    try {
      const { tracks, index } = await recentPlayback(trackId, {
        track: (id) => client.fetchQuery({ queryKey: ['track', id], queryFn: ({ signal }) => api<Track>(`/api/v1/content/tracks/${id}`, { signal }) }),
        album: (id) => client.fetchQuery({ queryKey: ['album', id], queryFn: ({ signal }) => api<AlbumDetail>(`/api/v1/content/albums/${id}`, { signal }) }),
      });
      void playTracks(tracks, index);
    } catch (e) {
      setFailure(e instanceof Error ? e.message : 'The track cannot be played');
    } finally {
      setStarting(null);
    }
  };

  if (view === 'loading') return <p className="muted">Loading…</p>;
  if (view === 'error') return <p role="alert">{recent.error?.message}</p>;
  if (view === 'empty') return <p className="muted">Nothing played yet. What you listen to shows up here, so you can get back to it.</p>;
  return (
    <>
      {failure && <p role="alert">{failure}</p>}
      <ul className="home__tiles" aria-label="Recently played">
        {items.map((t) => (
          <li key={t.trackId}>
            <button type="button" className="home__tile" aria-label={`Play ${t.title}`} aria-busy={starting === t.trackId}
              disabled={starting !== null} onClick={() => void play(t.trackId)}>
              <span className="home__tile-title">{t.title}</span>
              <span className="home__tile-sub">{t.artist} · {playedAgo(t.lastPlayedAt)}</span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

function RecentlyAdded() {
  const albums = useAlbums('recent', RECENTLY_ADDED_LIMIT);
  const items = albums.data?.pages[0]?.items ?? [];
  const view = sectionView([{ pending: albums.isPending, failed: albums.isError, count: items.length }]);
  if (view === 'loading') return <p className="muted">Loading…</p>;
  if (view === 'error') return <p role="alert">{albums.error?.message}</p>;
  if (view === 'empty') return <p className="muted">The library has no albums yet. They show up here as a scan adds them.</p>;
  return <AlbumGrid albums={items} />;
}

function useTop(kind: TopKind) {
  return useQuery({
    queryKey: ['stats', 'top', kind, 'month', 'home'],
    queryFn: ({ signal }) => api<{ items: TopItem[] }>(topPath(kind), { signal }),
  });
}

function YourTop() {
  const artists = useTop('artists');
  const albums = useTop('albums');
  const entries = topEntries(artists.data?.items, albums.data?.items);
  const view = sectionView([artists, albums].map((q) => ({ pending: q.isPending, failed: q.isError, count: q.data?.items.length ?? 0 })));
  const errors = [artists, albums].filter((q) => q.isError).map((q) => q.error?.message);
  if (view === 'loading') return <p className="muted">Loading…</p>;
  if (view === 'empty') return <p className="muted">No listens in the last 30 days yet. Your most played artists and albums show up here.</p>;
  return (
    <>
      {errors.map((message, i) => <p key={i} role="alert">{message}</p>)}
      {view === 'items' && (
        <ol className="home__tiles" aria-label="Your top this month">
          {entries.map((e) => (
            <li key={e.key}>
              <Link to={e.to} className="home__tile">
                <span className="home__tile-title">{e.name}</span>
                <span className="home__tile-sub">{e.kind} · {listensText(e.listens)}</span>
              </Link>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
