import type { PlayerState } from '../player/playerStore';

/**
 * Keyboard shortcuts, as music players have them: Space play/pause, Shift+→ / Shift+← next / previous, → / ← seek
 * 10 s, "/" to search. Not while typing in a field (or with Ctrl/Alt/Meta held: those belong to the browser).
 */
export function shortcut(
  event: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey'> & { target: EventTarget | null },
  player: Pick<PlayerState, 'toggle' | 'next' | 'previous' | 'seek' | 'position' | 'queue'>,
  search: () => void,
): boolean {
  if (event.ctrlKey || event.altKey || event.metaKey) return false;
  const target = event.target as { tagName?: string; isContentEditable?: boolean } | null;
  const tag = target?.tagName;
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target?.isContentEditable) return false;
  switch (event.key) {
    case ' ':
      if (tag === 'BUTTON') return false; // the button's own click
      void player.toggle();
      return true;
    case 'ArrowRight':
      if (event.shiftKey) void player.next();
      else player.seek(player.position + 10);
      return player.queue.length > 0;
    case 'ArrowLeft':
      if (event.shiftKey) void player.previous();
      else player.seek(Math.max(0, player.position - 10));
      return player.queue.length > 0;
    case '/':
      search();
      return true;
    default:
      return false;
  }
}
