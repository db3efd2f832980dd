import { describe, expect, it } from 'vitest';
import { ACCENTS, loadLocal, resolvedTheme } from './appearance';

const store = (value: string | null) => ({ getItem: () => value });

describe('appearance', () => {
  it('followsTheSystemUnlessAThemeIsChosen', () => {
    const local = { amoled: false, accent: ACCENTS[0]! };
    expect(resolvedTheme('system', true, local)).toBe('dark');
    expect(resolvedTheme('system', false, local)).toBe('light');
    expect(resolvedTheme('light', true, local)).toBe('light');
    expect(resolvedTheme('dark', false, local)).toBe('dark');
    expect(resolvedTheme(undefined, true, local)).toBe('dark');
  });

  it('drawsAmoledInsteadOfDarkOnlyWhenChosenHere', () => {
    const local = { amoled: true, accent: ACCENTS[0]! };
    expect(resolvedTheme('dark', false, local)).toBe('amoled');
    expect(resolvedTheme('light', true, local)).toBe('light');
  });

  it('readsTheDeviceChoicesAndRefusesWhatIsNotAColour', () => {
    expect(loadLocal(store('{"amoled":true,"accent":"#10b981"}'))).toEqual({ amoled: true, accent: '#10b981' });
    expect(loadLocal(store('{"accent":"red; background: url(x)"}')).accent).toBe(ACCENTS[0]);
    expect(loadLocal(store('not json'))).toEqual({ amoled: false, accent: ACCENTS[0] });
    expect(loadLocal(store(null))).toEqual({ amoled: false, accent: ACCENTS[0] });
  });
});
