// Keeps the tablet board usable without a network: the page, its scripts and the last board answer come
// from the cache when a request cannot reach the server. Records themselves wait in the outbox, not here.
const CACHE = 'facility-tablet-v1';
const CACHED = [/^\/static\//, /^\/vendor\//, /^\/units\/\d+\/(rounds|care)$/, /^\/api\/v1\/units\/\d+\/board$/];

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    // A redirect (to the login page) or an error is never kept as the board.
    if (response.ok && !response.redirected) await cache.put(request, response.clone());
    return response;
  } catch (offline) {
    const cached = await cache.match(request);
    if (cached) return cached;
    throw offline;
  }
}

// The page that registered us was loaded before we existed: it sends what it loaded so we can keep it.
self.addEventListener('message', (event) => {
  const urls = (event.data && event.data.warm) || [];
  const wanted = urls.filter((path) => CACHED.some((pattern) => pattern.test(path)));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(wanted)).catch(() => {}));
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin) return;
  if (event.request.method === 'POST' && url.pathname === '/logout') {
    event.waitUntil(caches.delete(CACHE)); // a shared tablet keeps nothing of the last user's board
    return;
  }
  if (event.request.method === 'GET' && CACHED.some((pattern) => pattern.test(url.pathname))) {
    event.respondWith(networkFirst(event.request));
  }
});
