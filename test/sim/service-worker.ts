// A theme's service worker that replays storefront answers: cache-first, keyed by the full URL
// (the Cache API's `caches.match(request)`), whatever the request's `cache` mode says. Real themes
// ship such workers (offline support, "speed" plugins); one that caches
// /customer/current.jwt hands the previous customer's JWT to the next session on the device.
// The sim serves it at SERVICE_WORKER_PATH (scope /); a test switches it on by registering it from
// a storefront page (test/browser/support/service-worker.ts) and off by unregistering it.

export const SERVICE_WORKER_PATH = '/sw.js'

/** The Cache API cache the worker fills; unregistering deletes it too. */
export const SERVICE_WORKER_CACHE = 'sim-cache-first'

/**
 * The worker's script. It takes over at once (skipWaiting, clients.claim), so the page that
 * registered it is controlled without a reload. It answers every same-origin GET that is not a
 * navigation (the module's fetches and files: current.jwt included) from its cache when the URL
 * is there, else from the network, keeping every 200 answer. Navigations, the sim's own
 * /__sim/ controls and the worker's script go to the network untouched, so pages still render
 * for the live session; only what a page's scripts fetch is replayed.
 */
export const SERVICE_WORKER_JS = `// The simulator's cache-first service worker (test/sim/service-worker.ts).
const CACHE = ${JSON.stringify(SERVICE_WORKER_CACHE)}
// Registered as /sw.js?ignore-search, it matches by path alone, as workers using
// cache.match(request, { ignoreSearch: true }) do: no parameter of the URL gets past it.
const IGNORE_SEARCH = new URL(self.location.href).searchParams.has('ignore-search')
self.addEventListener('install', (event) => event.waitUntil(self.skipWaiting()))
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()))
self.addEventListener('fetch', (event) => {
  const request = event.request
  const url = new URL(request.url)
  if (request.method !== 'GET' || request.mode === 'navigate' || url.origin !== self.location.origin) return
  if (url.pathname.startsWith('/__sim/') || url.pathname === ${JSON.stringify(SERVICE_WORKER_PATH)}) return
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE)
      // Keyed by the URL alone: the request's cache mode ('no-store', 'reload') is not looked at.
      const hit = await cache.match(request, { ignoreSearch: IGNORE_SEARCH })
      if (hit) return hit
      const answer = await fetch(request)
      if (answer.status === 200 && answer.type === 'basic') await cache.put(request, answer.clone())
      return answer
    })(),
  )
})
`
