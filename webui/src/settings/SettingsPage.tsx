import { useState } from 'react';
import { api, ApiError } from '../api/client';
import { applyAnswer, useSynced } from '../sync/sync';
import { ACCENTS, loadLocal, saveLocal, type Local } from './appearance';
import { AppPasswordsSection } from './AppPasswordsSection';
import { useAppearance } from './useAppearance';

const BANDS = ['31', '62', '125', '250', '500', '1k', '2k', '4k', '8k', '16k'];

/**
 * Settings: the synced ones (theme, crossfade, gapless, ReplayGain, EQ: every device of the user) saved through
 * `PUT /api/v1/user/settings`, and this device's own (AMOLED, accent); then the app passwords of Subsonic apps.
 */
export function SettingsPage() {
  const settings = useSynced((s) => s.state.settings);
  const [error, setError] = useState<string>();
  const { local, setLocal } = useAppearance();
  const save = async (changed: Record<string, unknown>) => {
    setError(undefined);
    try {
      const answer = await api<{ seq: number; settings: Record<string, unknown> }>('/api/v1/user/settings', { method: 'PUT', body: changed });
      applyAnswer({ seq: answer.seq, type: 'settings.changed', payload: { changed } });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Not saved');
    }
  };
  const bands = Array.isArray(settings['eq.bands']) ? (settings['eq.bands'] as number[]) : Array<number>(10).fill(0);
  const device = (change: Partial<Local>) => {
    const next = { ...loadLocal(), ...change };
    saveLocal(next);
    setLocal(next);
  };
  return (
    <section aria-labelledby="settings-title" className="settings-page">
      <header className="page-header"><h1 id="settings-title">Settings</h1></header>
      {error && <p role="alert">{error}</p>}
      <fieldset>
        <legend>Appearance</legend>
        <label>Theme (all your devices)
          <select value={String(settings['ui.theme'] ?? 'system')} onChange={(e) => void save({ 'ui.theme': e.target.value })}>
            <option value="system">As the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
        <label className="settings__check">
          <input type="checkbox" checked={local.amoled} onChange={(e) => device({ amoled: e.target.checked })} />
          Pure black when dark (this device)
        </label>
        <div role="radiogroup" aria-label="Accent colour (this device)" className="accents">
          {ACCENTS.map((c) => (
            <button key={c} type="button" role="radio" aria-checked={local.accent === c} aria-label={`Accent ${c}`}
              className="accent" style={{ background: c }} onClick={() => device({ accent: c })} />
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Playback (all your devices)</legend>
        <label>Crossfade: {Number(settings['playback.crossfadeSeconds'] ?? 0)} s
          <input type="range" min={0} max={12} step={1} value={Number(settings['playback.crossfadeSeconds'] ?? 0)}
            onChange={(e) => void save({ 'playback.crossfadeSeconds': Number(e.target.value) })} />
        </label>
        <label className="settings__check">
          <input type="checkbox" checked={settings['playback.gapless'] !== false} onChange={(e) => void save({ 'playback.gapless': e.target.checked })} />
          Gapless
        </label>
        <label>ReplayGain
          <select value={String(settings['playback.replayGain'] ?? 'track')} onChange={(e) => void save({ 'playback.replayGain': e.target.value })}>
            <option value="off">Off</option>
            <option value="track">Track</option>
            <option value="album">Album</option>
          </select>
        </label>
      </fieldset>
      <fieldset>
        <legend>Equalizer (all your devices)</legend>
        <label className="settings__check">
          <input type="checkbox" checked={settings['eq.enabled'] === true} onChange={(e) => void save({ 'eq.enabled': e.target.checked })} />
          On
        </label>
        <div className="eq">
          {BANDS.map((b, i) => (
            <label key={b} className="eq__band">
              <input type="range" min={-12} max={12} step={1} value={bands[i] ?? 0} aria-label={`${b} Hz`}
                onChange={(e) => void save({ 'eq.bands': bands.map((v, j) => (j === i ? Number(e.target.value) : v)) })} />
              <span>{b}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <AppPasswordsSection />
    </section>
  );
}
