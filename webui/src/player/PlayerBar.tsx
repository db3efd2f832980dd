import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { Track } from '../api/types';
import { duration } from '../library/format';
import { command, positionAt, useRemote, type Device, type SharedState } from './connect';
import { DevicesMenu } from './DevicesMenu';
import { NextIcon, PauseIcon, PlayIcon, PreviousIcon, RepeatIcon, ShuffleIcon } from './icons';
import { Visualizer } from './Visualizer';
import { usePlayer } from './player';
import { serverNow } from '../sync/serverClock';

/**
 * The bar at the bottom: what plays, play/pause, previous/next, position and volume. When another device of the user
 * plays, the bar shows that device's playback and its controls reach it (remote control, docs/sync-protocol.md).
 */
export function PlayerBar() {
  const remote = useRemote();
  return remote ? <RemoteBar device={remote.device} shared={remote.shared} /> : <LocalBar />;
}

function RemoteBar({ device, shared }: { device: Device; shared: SharedState }) {
  const id = shared.trackId as number;
  const track = useQuery({ queryKey: ['track', id], queryFn: ({ signal }) => api<Track>(`/api/v1/content/tracks/${id}`, { signal }) });
  const [, tick] = useState(0);
  useEffect(() => {
    if (!shared.playing) return;
    const timer = setInterval(() => tick((n) => n + 1), 500);
    return () => clearInterval(timer);
  }, [shared.playing]);
  // a seek asked for shows until the device's next report (a controlled slider would otherwise spring back to the old
  // position before that report, and the browser's change event after the input event would then send the old one)
  const [seekTo, setSeekTo] = useState<{ seconds: number; basis: string } | null>(null);
  const total = (track.data?.durationMs ?? 0) / 1000;
  const reported = Math.min(total || Infinity, positionAt(shared, serverNow()) / 1000);
  const position = seekTo !== null && seekTo.basis === shared.updatedAt ? seekTo.seconds : reported;
  const seek = (seconds: number) => {
    if (seekTo !== null && seekTo.basis === shared.updatedAt && seekTo.seconds === seconds) return;
    setSeekTo({ seconds, basis: shared.updatedAt });
    command('seek', { positionMs: Math.round(seconds * 1000) });
  };
  // likewise the volume asked for, until the device reports it
  const [volumeTo, setVolumeTo] = useState<{ volume: number; basis: string } | null>(null);
  const volume = volumeTo !== null && volumeTo.basis === shared.updatedAt ? volumeTo.volume : shared.volume;
  const changeVolume = (value: number) => {
    setVolumeTo({ volume: value, basis: shared.updatedAt });
    command('volume', { volume: value });
  };
  return (
    <footer className="player player--remote" aria-label="Player" data-remote-device={device.id}>
      <div className="player__now">
        <div className="player__title" data-testid="now-playing">{track.data?.title ?? '…'}</div>
        <div className="player__artist">{track.data?.artist}</div>
        <div className="player__remote" data-testid="playing-on">{shared.playing ? "Playing" : "Paused"} on {device.name}</div>
      </div>
      <div className="player__controls">
        <button type="button" onClick={() => command('previous')} aria-label={`Previous on ${device.name}`}><PreviousIcon /></button>
        <button type="button" onClick={() => command(shared.playing ? 'pause' : 'play')} className="player__play"
          aria-label={`${shared.playing ? 'Pause' : 'Play'} on ${device.name}`}>
          {shared.playing ? <PauseIcon /> : <PlayIcon />}
        </button>
        <button type="button" onClick={() => command('next')} aria-label={`Next on ${device.name}`}><NextIcon /></button>
      </div>
      <div className="player__seek">
        <span data-testid="position">{duration(position * 1000)}</span>
        <input type="range" min={0} max={Math.max(1, total)} step={1} value={Math.min(position, Math.max(1, total))}
          aria-label={`Position on ${device.name}`} onChange={(e) => seek(Number(e.target.value))} />
        <span>{duration(total * 1000)}</span>
      </div>
      <div className="player__end">
        <DevicesMenu />
        {volume != null && (
          <input className="player__volume" type="range" min={0} max={100} step={1} value={volume}
            aria-label={`Volume on ${device.name}`} onChange={(e) => changeVolume(Number(e.target.value))} />
        )}
      </div>
    </footer>
  );
}

function LocalBar() {
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
        <button type="button" onClick={() => void previous()} aria-label="Previous"><PreviousIcon /></button>
        <button type="button" onClick={() => void toggle()} aria-label={playing ? 'Pause' : 'Play'} className="player__play">
          {playing ? <PauseIcon /> : <PlayIcon />}
        </button>
        <button type="button" onClick={() => void next()} aria-label="Next" disabled={index + 1 >= queue.length && repeat === 'off'}><NextIcon /></button>
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

