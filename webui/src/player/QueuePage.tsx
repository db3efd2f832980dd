import { useState } from 'react';
import { duration } from '../library/format';
import { touchReorder } from '../library/touchReorder';
import { useVirtualRows } from '../library/useVirtualRows';
import { PlayIcon } from './icons';
import { usePlayer } from './player';

/** What plays and what comes next: reorder by dragging (or the move buttons), remove, jump to an entry. */
export function QueuePage() {
  const { queue, keys, index, moveInQueue, removeFromQueue, playTracks } = usePlayer();
  const [dragged, setDragged] = useState<number | null>(null);
  const rows = useVirtualRows<HTMLOListElement>(queue.length, 44);
  const touchDrag = touchReorder(moveInQueue);
  return (
    <section aria-labelledby="queue-title">
      <header className="page-header"><h1 id="queue-title">Queue</h1><span className="muted">{queue.length} tracks</span></header>
      {queue.length === 0 && <p className="muted">Nothing queued. Tracks have “play next” and “add to queue”.</p>}
      <ol className="tracks" aria-label="Queue" ref={rows.ref} style={rows.style}>
        {rows.indexes.map((i) => {
          const t = queue[i];
          if (!t) return null;
          return (
          <li key={keys[i]} className={'tracks__row' + (i === index ? ' tracks__row--current' : '')} draggable
            data-index={i} ref={rows.measure} aria-setsize={queue.length} aria-posinset={i + 1}
            onDragStart={() => setDragged(i)} onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => { e.preventDefault(); if (dragged !== null) moveInQueue(dragged, i); setDragged(null); }}>
            <span className="drag" aria-hidden="true" onPointerDown={touchDrag(i)}>⋮⋮</span>
            <button type="button" className="tracks__play" aria-label={`Play ${t.title} from the queue`}
              onClick={() => void playTracks(queue, i)}>
              <span className="tracks__no">{i === index ? <PlayIcon /> : i + 1}</span>
              <span className="tracks__title">{t.title}</span>
              <span className="tracks__artist">{t.artist}</span>
              <span className="tracks__time">{duration(t.durationMs)}</span>
            </button>
            <button type="button" className="icon" aria-label={`Move ${t.title} up`} disabled={i === 0} onClick={() => moveInQueue(i, i - 1)}>↑</button>
            <button type="button" className="icon" aria-label={`Move ${t.title} down`} disabled={i === queue.length - 1}
              onClick={() => moveInQueue(i, i + 1)}>↓</button>
            <button type="button" className="icon" aria-label={`Remove ${t.title} from the queue`} disabled={i === index}
              onClick={() => removeFromQueue(i)}>✕</button>
          </li>
          );
        })}
      </ol>
    </section>
  );
}
