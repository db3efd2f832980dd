import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { AlbumGrid } from './AlbumGrid';
import { albumSortParam } from './albumSort';
import { useAlbums, type AlbumSort } from './queries';
import { useAutoMore } from './useVirtualRows';

const SORTS: { value: AlbumSort; label: string }[] = [
  { value: 'recent', label: 'Recently added' },
  { value: 'title', label: 'Title' },
  { value: 'newest', label: 'Newest' },
  { value: 'year', label: 'Year' },
];

export function AlbumsPage({ title = 'Albums', initialSort = 'title' }: { title?: string; initialSort?: AlbumSort }) {
  // the order lives in the URL (?sort=recent), so a link can ask for one and a reload keeps it
  const [params, setParams] = useSearchParams();
  const sort = albumSortParam(params.get('sort')) ?? initialSort;
  const setSort = (value: AlbumSort) => setParams(value === initialSort ? {} : { sort: value }, { replace: true });
  const albums = useAlbums(sort);
  const items = albums.data?.pages.flatMap((p) => p.items) ?? [];
  const total = albums.data?.pages[0]?.total;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = albums;
  // scrolling near the end of a long grid loads the next page; the More button stays for keyboards and short grids
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const more = useAutoMore<HTMLButtonElement>(hasNextPage ? loadMore : null);
  return (
    <section aria-labelledby="albums-title">
      <header className="page-header">
        <h1 id="albums-title">{title}</h1>
        {total !== undefined && <span className="muted">{total} albums</span>}
        <label className="sort">
          Sort
          <select value={sort} onChange={(e) => setSort(e.target.value as AlbumSort)}>
            {SORTS.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
          </select>
        </label>
      </header>
      {albums.isPending && <p className="muted">Loading…</p>}
      {albums.isError && <p role="alert">{albums.error.message}</p>}
      <AlbumGrid albums={items} />
      {albums.hasNextPage && (
        <button type="button" className="more" ref={more} disabled={albums.isFetchingNextPage} onClick={loadMore}>
          {albums.isFetchingNextPage ? 'Loading…' : 'More'}
        </button>
      )}
    </section>
  );
}
