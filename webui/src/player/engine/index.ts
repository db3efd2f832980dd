export { AudioEngine } from './AudioEngine';
export type {
  AudioEngineOptions,
  EngineEntry,
  EngineEventMap,
  EngineGraph,
  EngineListener,
  EngineTimer,
  EngineTrack,
  LoadProgress,
  TrackLoader,
} from './AudioEngine';
export type { AudioContextLike } from './audioTypes';
export * from './crossfade';
export * from './equalizer';
export * from './gapless';
export * from './lrc';
export * from './queue';
export * from './replaygain';
