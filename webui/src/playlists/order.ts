/**
 * Reordering a playlist: a drag of one entry from {@code from} to {@code to} (places in the list as shown) becomes
 * the API's move (`{entryIds, after | at}`, docs/api.md), named by entry ids so that it means the same on the server
 * whatever other devices did meanwhile; and the same move applied to the list shown, for the screen to follow the
 * drag at once.
 */
export interface Placed {
  entryId: number;
}

export type Placement = { after: number } | { at: 'start' };

/** The list with the entry at {@code from} moved to {@code to} (the place it ends up at). */
export function moved<T>(list: readonly T[], from: number, to: number): T[] {
  if (from === to || from < 0 || to < 0 || from >= list.length || to >= list.length) return [...list];
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item as T);
  return copy;
}

/** Where the entry at {@code from} goes so that it ends up at {@code to}: after the entry before that place, or first. */
export function placement(list: readonly Placed[], from: number, to: number): Placement | null {
  if (from === to || from < 0 || to < 0 || from >= list.length || to >= list.length) return null;
  const after = moved(list, from, to)[to - 1];
  return after ? { after: after.entryId } : { at: 'start' };
}
