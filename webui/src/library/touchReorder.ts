import type { PointerEvent as ReactPointerEvent } from 'react';

/** Within this many pixels of the viewport's top or bottom, a drag scrolls the page. */
const EDGE_PX = 72;
const SCROLL_STEP_PX = 24;

/**
 * Drag to reorder with a finger or a pen: HTML5 drag and drop (what the mouse uses) does not exist on touch screens.
 * Returns the `onPointerDown` for a row's drag handle (`.drag`, which has `touch-action: none` so the finger drags
 * instead of scrolling); the row under the finger when it lifts (rows carry `data-index`) is where the entry goes, and
 * near the viewport's edges the page scrolls so far rows of a long (virtual) list come into reach.
 */
export function touchReorder(onMove: (from: number, to: number) => void) {
  return (from: number) => (event: ReactPointerEvent<HTMLElement>) => {
    if (event.pointerType === 'mouse') return; // the mouse drags with HTML5 drag and drop
    event.preventDefault();
    const handle = event.currentTarget;
    const list = handle.closest('ol, ul');
    const row = handle.closest('li');
    if (!list || !row) return;
    try {
      handle.setPointerCapture(event.pointerId); // the moves come to the handle wherever the finger goes
    } catch {
      // not an active pointer (a synthetic event): the handle still gets the events dispatched to it
    }
    row.classList.add('tracks__row--dragging');
    let to = from;
    const move = (e: PointerEvent) => {
      const over = document.elementFromPoint(e.clientX, e.clientY)?.closest('li[data-index]');
      if (over && list.contains(over)) {
        to = Number(over.getAttribute('data-index'));
        list.querySelectorAll('.tracks__row--target').forEach((r) => r.classList.remove('tracks__row--target'));
        if (to !== from) over.classList.add('tracks__row--target');
      }
      if (e.clientY < EDGE_PX) window.scrollBy(0, -SCROLL_STEP_PX);
      else if (e.clientY > window.innerHeight - EDGE_PX) window.scrollBy(0, SCROLL_STEP_PX);
    };
    const end = (e: PointerEvent) => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', end);
      handle.removeEventListener('pointercancel', end);
      row.classList.remove('tracks__row--dragging');
      list.querySelectorAll('.tracks__row--target').forEach((r) => r.classList.remove('tracks__row--target'));
      if (e.type === 'pointerup' && to !== from) onMove(from, to);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', end);
    handle.addEventListener('pointercancel', end);
  };
}
