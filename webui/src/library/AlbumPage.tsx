import { Link, useParams } from 'react-router';
import { usePlayer } from '../player/player';
import { DownloadButton } from '../offline/DownloadButton';
import { AddToPlaylist } from '../playlists/AddToPlaylist';
import { LikeButton } from '../sync/LikeButton';
import { StarRating } from '../sync/StarRating';
import { Cover } from './Cover';
import { duration } from './format';
import { useAlbum } from './queries';
import { TrackList } from './TrackList';

/** An album: header coloured by its cover's palette, its discs and tracks, play. */
export function AlbumPage() {
  const id = Number(useParams().id);
  const album = useAlbum(id);
  const playTracks = usePlayer((s) => s.playTracks);
  if (album.isPending) return <p className="muted">Loading…</p>;
  if (album.isError) return <p role="alert">{album.error.message}</p>;
  const { album: a, discs, genres } = album.data;
  const tracks = discs.flatMap((d) => d.tracks).map((t) => ({ ...t, coverImageId: a.coverImageId, palette: a.palette }));
  const accent = a.palette[0] ?? 'var(--accent)';
  return (
    <article aria-labelledby="album-title">
      <header className="album-header" style={{ background: `linear-gradient(180deg, ${accent} 0%, transparent 100%)` }}>
        <Cover imageId={a.coverImageId} size={512} alt={`Cover of ${a.title}`} palette={a.palette} />
        <div>
          <p className="muted">Album</p>
          <h1 id="album-title">{a.title}</h1>
          <p>
            {a.artists.map((ar, i) => (
              <span key={ar.id}>{i > 0 && ', '}<Link to={`/artists/${ar.id}`}>{ar.name}</Link></span>
            ))}
            {a.year ? ` · ${a.year}` : ''} · {a.trackCount} tracks · {duration(a.durationMs)}
            {genres.length > 0 && ` · ${genres.join(', ')}`}
          </p>
          <div className="album-header__actions">
            <button type="button" className="primary" onClick={() => void playTracks(tracks, 0)} disabled={tracks.length === 0}>
              Play
            </button>
            <LikeButton kind="album" id={a.id} name={a.title} />
            <StarRating kind="album" id={a.id} name={a.title} />
            <AddToPlaylist trackIds={tracks.map((t) => t.id)} label={a.title} />
            <DownloadButton detail={album.data} />
          </div>
        </div>
      </header>
      {discs.map((d) => (
        <section key={d.number}>
          {discs.length > 1 && <h2>Disc {d.number}</h2>}
          <TrackList tracks={d.tracks.map((t) => ({ ...t, coverImageId: a.coverImageId, palette: a.palette }))} label={discs.length > 1 ? `Disc ${d.number}` : 'Tracks'} />
        </section>
      ))}
    </article>
  );
}
