// papershelf's way out: a service worker that takes papershelf's worker and
// its caches away. A release build ships it as sw-off.js; deploying it as
// sw.js (`cp dist/sw-off.js dist/sw.js`) makes every reader's browser, on
// its next visit, drop the worker and its caches: from then on every request
// goes to the network. (The boot script still registers sw.js on each visit;
// this script then unregisters at once, having nothing to remove.) `trunk serve` serves it as sw.js, so a worker installed by a
// release build on the same address never answers during development.
'use strict';
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      // Only this scope's caches (www/sw.js names them): other sites on the
      // same origin keep theirs.
      const name = `papershelf ${new URL(self.registration.scope).pathname} `;
      for (const key of await caches.keys()) {
        if (key.startsWith(name)) await caches.delete(key);
      }
      await self.registration.unregister();
    })(),
  );
});
