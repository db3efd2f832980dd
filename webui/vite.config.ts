import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';

// The Resonance core (Karaf) during `npm run dev`; every server path below is proxied to it.
const server = 'http://localhost:8080';
const serverPaths = ['/api', '/health', '/metrics', '/stream', '/rest', '/graphql'];

export default defineConfig({
  base: '/',
  plugins: [
    react(),
    // the service worker (src/sw.ts) with the list of the app's files to precache; public/manifest.webmanifest is
    // the manifest, and main.tsx registers the worker (no inline script: the server's CSP forbids them)
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      injectRegister: false,
      manifest: false,
      injectManifest: { globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'] },
    }),
  ],
  build: {
    // Maven packages target/classes into the bundle; WebAppResources serves its webui/ folder at "/".
    outDir: 'target/classes/webui',
    emptyOutDir: true,
  },
  server: {
    proxy: Object.fromEntries(
      serverPaths.map((path) => [path, { target: server, changeOrigin: true, ws: path === '/api' }]),
    ),
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
