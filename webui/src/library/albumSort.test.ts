import { describe, expect, it } from 'vitest';
import { albumSortParam } from './albumSort';

describe('album sort in the URL', () => {
  it('takesTheOrdersTheApiKnows', () => {
    expect(albumSortParam('recent')).toBe('recent');
    expect(albumSortParam('title')).toBe('title');
    expect(albumSortParam('newest')).toBe('newest');
    expect(albumSortParam('year')).toBe('year');
  });

  it('ignoresAnythingElse', () => {
    expect(albumSortParam(null)).toBeUndefined();
    expect(albumSortParam('')).toBeUndefined();
    expect(albumSortParam('Recent')).toBeUndefined();
    expect(albumSortParam('random')).toBeUndefined();
  });
});
