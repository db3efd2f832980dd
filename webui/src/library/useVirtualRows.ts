import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState, type CSSProperties } from 'react';

/** Lists longer than this render only the rows near the viewport; shorter ones render whole (and stay findable). */
export const VIRTUAL_FROM = 150;

export interface VirtualRows<E extends HTMLElement> {
  /** On the list element: where the rows start in the page. */
  ref: React.RefObject<E | null>;
  /** The indexes to render, in order: every row of a short list. */
  indexes: number[];
  /** Space for the rows not rendered, before and after (on the list element, through the CSSOM: no inline markup). */
  style: CSSProperties | undefined;
  /** On each rendered row (with `data-index`), so rows of another height are measured. */
  measure: ((node: Element | null) => void) | undefined;
}

/**
 * Window-scrolled virtual rows for long lists (a 10,000-entry playlist, a queue of a whole library, hundreds of pages
 * of albums or artists): only the rows in and near the viewport are in the DOM, so scrolling stays smooth whatever the
 * length. Short lists are not virtualised at all. Each row should carry `aria-setsize`/`aria-posinset` so assistive
 * technology still knows the list's length.
 */
export function useVirtualRows<E extends HTMLElement>(count: number, rowHeight: number): VirtualRows<E> {
  const ref = useRef<E | null>(null);
  const [margin, setMargin] = useState(0);
  const virtual = count > VIRTUAL_FROM;
  useLayoutEffect(() => {
    if (!virtual || !ref.current) return;
    const top = ref.current.getBoundingClientRect().top + window.scrollY;
    if (Math.abs(top - margin) > 1) setMargin(top);
  });
  const virtualizer = useWindowVirtualizer({
    count: virtual ? count : 0,
    estimateSize: () => rowHeight,
    overscan: 12,
    scrollMargin: margin,
  });
  if (!virtual) return { ref, indexes: Array.from({ length: count }, (_, i) => i), style: undefined, measure: undefined };
  const items = virtualizer.getVirtualItems();
  const first = items[0];
  const last = items[items.length - 1];
  const before = first ? first.start - margin : 0;
  const after = last ? virtualizer.getTotalSize() - (last.end - margin) : 0;
  return {
    ref,
    indexes: items.map((item) => item.index),
    style: { paddingTop: Math.max(0, before), paddingBottom: Math.max(0, after) },
    measure: virtualizer.measureElement,
  };
}

export interface VirtualGrid<E extends HTMLElement> {
  ref: React.RefObject<E | null>;
  /** The item indexes to render, in order: whole rows of the grid near the viewport (every item of a short grid). */
  indexes: number[];
  style: CSSProperties | undefined;
}

/**
 * {@link useVirtualRows} for a CSS grid of `repeat(auto-fill, minmax(minItemPx, 1fr))`: the grid's width gives the
 * columns, its first item's height the row height (measured, so covers and text of any size fit), and only the rows
 * near the viewport are rendered.
 */
export function useVirtualGrid<E extends HTMLElement>(count: number, minItemPx: number, estimatePx: number): VirtualGrid<E> {
  const ref = useRef<E | null>(null);
  const [box, setBox] = useState({ width: 0, top: 0, itemHeight: 0, gap: 0 });
  const [, setResized] = useState(0);
  const virtual = count > VIRTUAL_FROM;
  useLayoutEffect(() => {
    const el = ref.current;
    if (!virtual || !el) return;
    const css = getComputedStyle(el);
    const next = {
      width: el.clientWidth,
      top: el.getBoundingClientRect().top + window.scrollY,
      itemHeight: (el.firstElementChild as HTMLElement | null)?.offsetHeight ?? 0,
      gap: parseFloat(css.rowGap) || 0,
    };
    if (Math.abs(next.width - box.width) > 1 || Math.abs(next.top - box.top) > 1 || next.itemHeight !== box.itemHeight || next.gap !== box.gap) {
      setBox(next);
    }
  });
  useLayoutEffect(() => {
    if (!virtual) return;
    const resized = () => setResized((n) => n + 1);
    window.addEventListener('resize', resized);
    return () => window.removeEventListener('resize', resized);
  }, [virtual]);
  const columns = Math.max(1, Math.floor((box.width + box.gap) / (minItemPx + box.gap)));
  const rowHeight = (box.itemHeight || estimatePx) + box.gap;
  const rows = Math.ceil(count / columns);
  const virtualizer = useWindowVirtualizer({
    count: virtual ? rows : 0,
    estimateSize: () => rowHeight,
    overscan: 3,
    scrollMargin: box.top,
  });
  useLayoutEffect(() => {
    virtualizer.measure(); // the row height or the columns changed: every row's place with it
  }, [virtualizer, rowHeight, columns]);
  if (!virtual) return { ref, indexes: Array.from({ length: count }, (_, i) => i), style: undefined };
  const items = virtualizer.getVirtualItems();
  const first = items[0];
  const last = items[items.length - 1];
  const indexes: number[] = [];
  for (const row of items) {
    for (let i = row.index * columns; i < Math.min(count, (row.index + 1) * columns); i++) indexes.push(i);
  }
  const before = first ? first.start - box.top : 0;
  const after = last ? virtualizer.getTotalSize() - (last.end - box.top) : 0;
  return {
    ref,
    indexes,
    style: { paddingTop: Math.max(0, before), paddingBottom: Math.max(0, after) },
  };
}

/**
 * Infinite scroll for a "More" button: it presses itself when it comes within a screen of the viewport (after a
 * virtual list's bottom padding, that is near the end of the list). The button stays a button for keyboards.
 */
export function useAutoMore<E extends HTMLElement>(load: (() => void) | null): React.RefObject<E | null> {
  const ref = useRef<E | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el || !load || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) load();
    }, { rootMargin: '800px 0px' });
    observer.observe(el);
    return () => observer.disconnect();
  }, [load]);
  return ref;
}
