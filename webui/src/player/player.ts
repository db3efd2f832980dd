import { MediaElementOutput } from './output';
import { createPlayerStore } from './playerStore';

/** The app's one player (the media-element output until the Web Audio engine is wired in). */
export const usePlayer = createPlayerStore(new MediaElementOutput());
