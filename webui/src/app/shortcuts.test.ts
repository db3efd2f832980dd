import { describe, expect, it, vi } from 'vitest';
import { shortcut } from './shortcuts';

const player = () => ({ toggle: vi.fn(async () => {}), next: vi.fn(async () => {}), previous: vi.fn(async () => {}), seek: vi.fn(), position: 30, queue: [{}] as never[] });
const key = (k: string, extra: Partial<{ shiftKey: boolean; ctrlKey: boolean; tag: string }> = {}) => ({
  key: k, shiftKey: extra.shiftKey ?? false, ctrlKey: extra.ctrlKey ?? false, altKey: false, metaKey: false,
  target: { tagName: extra.tag ?? 'BODY' } as unknown as EventTarget,
});

describe('keyboard shortcuts', () => {
  it('spaceTogglesPlayback', () => {
    const p = player();
    expect(shortcut(key(' '), p, () => {})).toBe(true);
    expect(p.toggle).toHaveBeenCalledOnce();
  });

  it('arrowsSeekTenSecondsAndWithShiftChangeTrack', () => {
    const p = player();
    shortcut(key('ArrowRight'), p, () => {});
    shortcut(key('ArrowLeft'), p, () => {});
    expect(p.seek.mock.calls).toEqual([[40], [20]]);
    shortcut(key('ArrowRight', { shiftKey: true }), p, () => {});
    shortcut(key('ArrowLeft', { shiftKey: true }), p, () => {});
    expect(p.next).toHaveBeenCalledOnce();
    expect(p.previous).toHaveBeenCalledOnce();
  });

  it('slashGoesToSearch', () => {
    const search = vi.fn();
    expect(shortcut(key('/'), player(), search)).toBe(true);
    expect(search).toHaveBeenCalledOnce();
  });

  it('leavesTypingAndTheBrowsersOwnKeysAlone', () => {
    const p = player();
    expect(shortcut(key(' ', { tag: 'INPUT' }), p, () => {})).toBe(false);
    expect(shortcut(key('/', { tag: 'TEXTAREA' }), p, () => {})).toBe(false);
    expect(shortcut(key('ArrowRight', { ctrlKey: true }), p, () => {})).toBe(false);
    expect(shortcut(key(' ', { tag: 'BUTTON' }), p, () => {})).toBe(false);
    expect(p.toggle).not.toHaveBeenCalled();
  });
});
