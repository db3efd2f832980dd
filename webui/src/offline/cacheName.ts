/** The Cache Storage cache that holds downloads (tracks, album pages, covers); the service worker reads it. */
export const DOWNLOADS = 'resonance-downloads';
