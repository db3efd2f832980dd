import { useCallback } from 'react';
import { Link } from 'react-router';
import { useArtists } from './queries';
import { useAutoMore, useVirtualGrid } from './useVirtualRows';

export function ArtistsPage() {
  const artists = useArtists();
  const items = artists.data?.pages.flatMap((p) => p.items) ?? [];
  const grid = useVirtualGrid<HTMLUListElement>(items.length, 256, 32);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = artists;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const more = useAutoMore<HTMLButtonElement>(hasNextPage ? loadMore : null);
  return (
    <section aria-labelledby="artists-title">
      <header className="page-header"><h1 id="artists-title">Artists</h1></header>
      {artists.isPending && <p className="muted">Loading…</p>}
      {artists.isError && <p role="alert">{artists.error.message}</p>}
      <ul className="list" aria-label="Artists" ref={grid.ref} style={grid.style}>
        {grid.indexes.map((i) => {
          const a = items[i];
          return a && <li key={a.id} aria-setsize={items.length} aria-posinset={i + 1}><Link to={`/artists/${a.id}`}>{a.name}</Link></li>;
        })}
      </ul>
      {hasNextPage && (
        <button type="button" className="more" ref={more} disabled={isFetchingNextPage} onClick={loadMore}>
          {isFetchingNextPage ? 'Loading…' : 'More'}
        </button>
      )}
    </section>
  );
}
