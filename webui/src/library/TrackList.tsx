import type { Track } from '../api/types';
import { usePlayer } from '../player/player';
import { LikeButton } from '../sync/LikeButton';
import { StarRating } from '../sync/StarRating';
import { duration } from './format';
import { useVirtualRows } from './useVirtualRows';

/** Tracks as rows; a click plays the list from that track; each row's rating and like. */
export function TrackList({ tracks, showAlbum = false, label }: { tracks: Track[]; showAlbum?: boolean; label: string }) {
  const playTracks = usePlayer((s) => s.playTracks);
  const playNext = usePlayer((s) => s.playNext);
  const addToQueue = usePlayer((s) => s.addToQueue);
  const current = usePlayer((s) => s.queue[s.index]?.id);
  const rows = useVirtualRows<HTMLOListElement>(tracks.length, 44);
  return (
    <ol className="tracks" aria-label={label} ref={rows.ref} style={rows.style}>
      {rows.indexes.map((i) => {
        const t = tracks[i];
        return t && (
        <li key={t.id} className={'tracks__row' + (t.id === current ? ' tracks__row--current' : '')}
          data-index={i} ref={rows.measure} aria-setsize={tracks.length} aria-posinset={i + 1}>
          <button type="button" className="tracks__play" onClick={() => void playTracks(tracks, i)} aria-label={`Play ${t.title}`}>
            <span className="tracks__no">{t.track ?? i + 1}</span>
            <span className="tracks__title">{t.title}</span>
            <span className="tracks__artist">{showAlbum ? `${t.artist} · ${t.album}` : t.artist}</span>
            <span className="tracks__time">{duration(t.durationMs)}</span>
          </button>
          <StarRating kind="track" id={t.id} name={t.title} compact />
          <LikeButton kind="track" id={t.id} name={t.title} />
          <button type="button" className="icon" aria-label={`Play ${t.title} next`} title="Play next" onClick={() => playNext([t])}>↪</button>
          <button type="button" className="icon" aria-label={`Add ${t.title} to the queue`} title="Add to queue" onClick={() => addToQueue([t])}>+</button>
        </li>
        );
      })}
    </ol>
  );
}
