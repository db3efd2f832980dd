/// <reference lib="webworker" />
// The service worker: the app itself offline (its files precached, every app route answered with index.html), and
// the music downloaded for offline listening (docs/decisions.md, "Offline"). Downloads live in one cache the app
// fills (offline/downloads.ts); requests for their streams, album pages and covers are answered from it — ranges
// too, as <audio> asks for them — and everything else goes to the network as if there were no worker.
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { createPartialResponse } from 'workbox-range-requests';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { DOWNLOADS } from './offline/cacheName';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

self.skipWaiting();
clientsClaim();
cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);

/** The server's own paths: never the app (an unknown API path keeps its JSON 404). */
const SERVER = /^\/(api|stream|health|metrics|rest|webhooks|graphql)(\/|$)/;
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [SERVER] }));

async function downloaded(request: Request): Promise<Response | undefined> {
  const cache = await caches.open(DOWNLOADS);
  return cache.match(request.url, { ignoreVary: true });
}

// a downloaded track plays from the cache, online or not (no need to fetch it twice)
registerRoute(({ url }) => url.pathname.startsWith('/stream/'), async ({ request }) => {
  const hit = await downloaded(request);
  if (hit) {
    return request.headers.has('range') ? createPartialResponse(request, hit) : hit;
  }
  return fetch(request);
});

// a downloaded album's page and covers: the network first (fresh when online), the download when offline
registerRoute(({ url }) => url.pathname.startsWith('/api/v1/content/albums/') || url.pathname.startsWith('/api/v1/content/images/'),
  async ({ request }) => {
    try {
      return await fetch(request);
    } catch (e) {
      const hit = await downloaded(request);
      if (hit) return hit;
      throw e;
    }
  });
