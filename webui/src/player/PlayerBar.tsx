import { Link } from 'react-router';
import { duration } from '../library/format';
import { DevicesMenu } from './DevicesMenu';
import { Visualizer } from './Visualizer';
import { usePlayer } from './player';

/** The bar at the bottom: what plays, play/pause, previous/next, position and volume. */
export function PlayerBar() {
  const { queue, index, playing, position, volume, error, startLatencyMs, starts, output, toggle, next, previous, seek, setVolume, shuffle, repeat,
    toggleShuffle, cycleRepeat } = usePlayer();
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
        <button type="button" onClick={toggleShuffle} aria-label="Shuffle" aria-pressed={shuffle} className="player__mode" title="Shuffle">
          <ShuffleIcon />
        </button>
        <button type="button" onClick={() => void previous()} aria-label="Previous">⏮</button>
        <button type="button" onClick={() => void toggle()} aria-label={playing ? 'Pause' : 'Play'} className="player__play">
          {playing ? '⏸' : '▶'}
        </button>
        <button type="button" onClick={() => void next()} aria-label="Next" disabled={index + 1 >= queue.length && repeat === 'off'}>⏭</button>
        <button type="button" onClick={cycleRepeat} aria-label={`Repeat: ${REPEAT_NAMES[repeat]}`} aria-pressed={repeat !== 'off'}
          className="player__mode" title={`Repeat: ${REPEAT_NAMES[repeat]}`}>
          <RepeatIcon one={repeat === 'one'} />
        </button>
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

const REPEAT_NAMES = { off: 'off', all: 'all', one: 'this track' } as const;

function ShuffleIcon() {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false" className="icon-svg">
      <path d="M3 7h3.5c2 0 3.2 1 4.3 2.6l2.4 4.8c1.1 1.6 2.3 2.6 4.3 2.6H21M3 17h3.5c1.3 0 2.2-.4 3-1.2M13.5 8.2c.8-.8 1.7-1.2 3-1.2H21M18 4l3 3-3 3M18 14l3 3-3 3"
        fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

function RepeatIcon({ one }: { one: boolean }) {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false" className="icon-svg">
      <path d="M4 11V9a3 3 0 0 1 3-3h12M16 3l3 3-3 3M20 13v2a3 3 0 0 1-3 3H5M8 21l-3-3 3-3" fill="none" stroke="currentColor" strokeWidth="1.8"
        strokeLinecap="round" strokeLinejoin="round" />
      {one && <text x="12" y="14.5" textAnchor="middle" fontSize="7" fontWeight="700" fill="currentColor">1</text>}
    </svg>
  );
}
