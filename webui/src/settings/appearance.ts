/**
 * How the app looks on this device. The theme is a synced setting (`ui.theme`: system, light, dark — the same on
 * every device of the user); AMOLED (pure black, for OLED phones) and the accent colour are this device's own
 * (localStorage: a phone and a desktop may want different ones).
 */
export type Theme = 'system' | 'light' | 'dark';

export interface Local {
  amoled: boolean;
  accent: string;
}

const KEY = 'resonance.appearance';
export const ACCENTS = ['#8b5cf6', '#0ea5e9', '#10b981', '#f59e0b', '#ef4444', '#ec4899'];

export function loadLocal(storage: Pick<Storage, 'getItem'> = localStorage): Local {
  try {
    const v = JSON.parse(storage.getItem(KEY) ?? '{}') as Partial<Local>;
    return { amoled: v.amoled === true, accent: typeof v.accent === 'string' && /^#[0-9a-f]{6}$/i.test(v.accent) ? v.accent : ACCENTS[0]! };
  } catch {
    return { amoled: false, accent: ACCENTS[0]! };
  }
}

export function saveLocal(local: Local, storage: Pick<Storage, 'setItem'> = localStorage): void {
  storage.setItem(KEY, JSON.stringify(local));
}

/** The theme drawn: the synced choice, the system's preference for "system", AMOLED instead of dark when chosen. */
export function resolvedTheme(theme: unknown, systemDark: boolean, local: Local): 'light' | 'dark' | 'amoled' {
  const dark = theme === 'dark' || (theme !== 'light' && systemDark);
  return dark ? (local.amoled ? 'amoled' : 'dark') : 'light';
}

/** Draws {@code theme} and {@code accent} on the document (through the CSSOM: the CSP forbids inline styles). */
export function applyAppearance(theme: 'light' | 'dark' | 'amoled', accent: string, root: HTMLElement = document.documentElement): void {
  root.dataset.theme = theme;
  root.style.setProperty('--accent', accent);
}
