import { defineConfig } from 'vite';

// The audio engine alone, as a script the browser test loads into a page (window.ResonanceEngine), to render it
// into an OfflineAudioContext and look at the samples. A test artifact: not part of the app.
export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'target/e2e-probe',
    emptyOutDir: true,
    lib: { entry: 'src/player/engine/index.ts', name: 'ResonanceEngine', formats: ['iife'], fileName: () => 'engine.js' },
  },
});
