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
  discoverPath, discoverTracks, greeting, listensText, playedAgo, recentlyPlayedPath, recentPlayback, RECENTLY_ADDED_LIMIT, sectionView, topEntries, topPath,
  type Recommendations, type RecentTrack, type TopItem, type TopKind,
} from './home';

/**
 * Home: what you played last, what was added to the library, your top of the month. Each section reads on its own and
 * says on its own when it is loading, empty or failed, so one failing never blanks the page.
 *
 * Weekly Discover is the recommender plugins' `discover` answer (`GET /api/v1/content/recommendations`): its section
 * is drawn only when one answered with tracks, never as an empty box the user cannot fill.
 */
export function HomePage() {
  const state = useSession((s) => s.state);
  const name = state.status === 'signed-in' ? state.user.displayName || state.user.username : '';
  return (
    <div className="home">
      <h1>{greeting(new Date().getHours())}{name ? `, ${name}` : ''}</h1>
      <WeeklyDiscover />
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

/** The week's recommendations as tiles, each playing the whole list from it; nothing at all without them. */
function WeeklyDiscover() {
  const discover = useQuery({
    queryKey: ['recommendations', 'discover'],
    queryFn: ({ signal }) => api<Recommendations>(discoverPath(), { signal }),
    staleTime: 60 * 60 * 1000, // the same all week: no need to ask again on every visit
  });
  const playTracks = usePlayer((s) => s.playTracks);
  const tracks = discoverTracks(discover.data);
  if (tracks.length === 0) return null;
  const reasons = discover.data?.items ?? [];
  return (
    <HomeSection id="home-discover" title="Weekly Discover">
      <p className="home__lead">
        <button type="button" className="primary" onClick={() => void playTracks(tracks, 0)}>Play all</button>
        <span className="muted">{tracks.length} tracks picked for you this week</span>
      </p>
      <ul className="home__tiles" aria-label="Weekly Discover">
        {tracks.map((t, i) => (
          <li key={t.id}>
            <button type="button" className="home__tile" aria-label={`Play ${t.title}`} onClick={() => void playTracks(tracks, i)}>
              <span className="home__tile-title">{t.title}</span>
              <span className="home__tile-sub">{t.artist}{reasons[i]?.reason ? ` · ${reasons[i].reason}` : ''}</span>
            </button>
          </li>
        ))}
      </ul>
    </HomeSection>
  );
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
