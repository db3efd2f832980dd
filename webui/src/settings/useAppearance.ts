import { useEffect, useState } from 'react';
import { create } from 'zustand';
import { useSynced } from '../sync/sync';
import { applyAppearance, loadLocal, resolvedTheme, type Local } from './appearance';

const useLocal = create<{ local: Local; setLocal: (l: Local) => void }>((set) => ({ local: loadLocal(), setLocal: (local) => set({ local }) }));

/** The appearance choices, and the document kept drawn by them (the synced theme, the system's preference, this device's). */
export function useAppearance() {
  return useLocal();
}

/** Keeps the document's theme and accent current; mounted once by the app. */
export function useApplyAppearance(): void {
  const theme = useSynced((s) => s.state.settings['ui.theme']);
  const local = useLocal((s) => s.local);
  const [systemDark, setSystemDark] = useState(() => matchMedia('(prefers-color-scheme: dark)').matches);
  useEffect(() => {
    const query = matchMedia('(prefers-color-scheme: dark)');
    const changed = (e: MediaQueryListEvent) => setSystemDark(e.matches);
    query.addEventListener('change', changed);
    return () => query.removeEventListener('change', changed);
  }, []);
  useEffect(() => applyAppearance(resolvedTheme(theme, systemDark, local), local.accent), [theme, systemDark, local]);
}
