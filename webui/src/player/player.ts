import { useSynced } from '../sync/sync';
import { EQ_FREQUENCIES } from './engine';
import { MediaElementOutput, type Output } from './output';
import { followMediaSession } from './mediaSession';
import { createPlayerStore } from './playerStore';
import { WebAudioOutput } from './webAudioOutput';

/**
 * The app's one player. The Web Audio engine where the browser keeps an AudioContext running; the media element on
 * iOS (Safari suspends an AudioContext when the page goes to the background or the screen locks, but keeps an
 * <audio> element playing: no sample-exact gapless, crossfade or EQ there).
 */
let analyserNode: AnalyserNode | null = null;

/** The engine's analyser (what the visualizer draws), when the Web Audio output plays. */
export function analyser(): AnalyserNode | null {
  return analyserNode;
}

function chooseOutput(): Output {
  const ios = /iPad|iPhone|iPod/.test(navigator.userAgent) || (navigator.platform === 'MacIntel' && navigator.maxTouchPoints > 1);
  if (!ios && typeof AudioContext !== 'undefined') {
    const output = new WebAudioOutput(new AudioContext({ latencyHint: 'playback' }));
    analyserNode = output.engine.graph.analyser as unknown as AnalyserNode;
    followSettings(output);
    return output;
  }
  return new MediaElementOutput();
}

/** The synced playback settings (crossfade, ReplayGain, EQ) applied to the engine as they change, from any device. */
function followSettings(output: WebAudioOutput): void {
  const apply = (settings: Record<string, unknown>) => {
    // the engine is always gapless (playback.gapless matters to players that are not); the crossfade overlaps tracks
    void output.engine.setCrossfade(Number(settings['playback.crossfadeSeconds'] ?? 0));
    const mode = settings['playback.replayGain'];
    void output.engine.setReplayGain({
      mode: mode === 'off' || mode === 'album' ? mode : 'track',
      preampDb: 0,
      fallbackDb: -6,
      preventClipping: true,
    });
    const bands = Array.isArray(settings['eq.bands']) ? (settings['eq.bands'] as number[]) : [];
    const on = settings['eq.enabled'] === true;
    output.engine.setEq({ gainsDb: EQ_FREQUENCIES.map((_, i) => (on ? Number(bands[i] ?? 0) : 0)), preampDb: 0 });
  };
  apply(useSynced.getState().state.settings);
  useSynced.subscribe((now, before) => {
    if (now.state.settings !== before.state.settings) apply(now.state.settings);
  });
}

export const usePlayer = createPlayerStore(chooseOutput());
followMediaSession(usePlayer);
