import { Link } from 'react-router';
import { duration } from '../library/format';
import { DevicesMenu } from './DevicesMenu';
import { Visualizer } from './Visualizer';
import { usePlayer } from './player';

/** The bar at the bottom: what plays, play/pause, previous/next, position and volume. */
export function PlayerBar() {
  const { queue, index, playing, position, volume, error, startLatencyMs, starts, output, toggle, next, previous, seek, setVolume } = usePlayer();
  const track = queue[index];
  if (!track) {
    return <footer className="player player--idle" aria-label="Player">Nothing playing <DevicesMenu /></footer>;
  }
  const total = track.durationMs / 1000;
  return (
    <footer className="player" aria-label="Player" data-start-latency-ms={startLatencyMs} data-starts={starts} data-output={output}>
      <div className="player__now">
        <div className="player__title" data-testid="now-playing">{track.title}</div>
        <div className="player__artist">
          {track.albumId ? <Link to={`/albums/${track.albumId}`}>{track.artist}</Link> : track.artist}
        </div>
        {error && <div className="player__error" role="alert">{error}</div>}
      </div>
      <div className="player__controls">
        <button type="button" onClick={() => void previous()} aria-label="Previous">⏮</button>
        <button type="button" onClick={() => void toggle()} aria-label={playing ? 'Pause' : 'Play'} className="player__play">
          {playing ? '⏸' : '▶'}
        </button>
        <button type="button" onClick={() => void next()} aria-label="Next" disabled={index + 1 >= queue.length}>⏭</button>
      </div>
      <div className="player__seek">
        <span data-testid="position">{duration(position * 1000)}</span>
        <input type="range" min={0} max={Math.max(1, total)} step={0.1} value={Math.min(position, total)}
          aria-label="Position" onChange={(e) => seek(Number(e.target.value))} />
        <span>{duration(track.durationMs)}</span>
      </div>
      <div className="player__end">
        <Visualizer />
        <Link to="/queue" className="icon queue-link" aria-label="Queue" title="Queue">≡</Link>
        <DevicesMenu />
        <input className="player__volume" type="range" min={0} max={1} step={0.01} value={volume} aria-label="Volume"
          onChange={(e) => setVolume(Number(e.target.value))} />
      </div>
    </footer>
  );
}
