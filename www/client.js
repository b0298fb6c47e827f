// The page's side of the service worker, loaded by the boot script once the
// first screen is painted (so the first view's download does not carry it).
// scripts/post-build.mjs bundles it as client-<hash>.js; `release` is true in
// a release build (`trunk serve` registers no worker).
import { release as WORKER } from 'papershelf:build';
import { shared } from './boot/shared.js';
import { scopeOf, cacheName } from './boot/scope.js';
import { words } from './boot/words.js';

const share = shared();
// The service worker (sw.js): offline reading and instant repeat visits. It is
// registered once the app has started (`painted`: after the first screen,
// and after the app's own files are in the HTTP cache, which the worker's
// precache then reads instead of downloading them again), in a release
// build only. What it says (offline, online, saving progress) is heard at
// once, since it already controls a page opened before.
// A bar at the bottom of the page, above everything: what the worker says.
const bar = (id, text, action, act) => {
  let el = document.getElementById(id);
  if (!text) return el?.remove();
  if (!el) {
    el = document.createElement('div');
    el.id = id;
    el.className = 'notice-bar';
    el.setAttribute('role', 'status');
    el.append(document.createElement('p'));
    document.body.append(el);
  }
  el.firstChild.textContent = text;
  el.querySelector('button')?.remove();
  if (action) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = action;
    button.addEventListener('click', act);
    el.append(button);
  }
};
// Posts kept as markup in localStorage by releases before the drawings were
// kept as data (never read now): removed with this site's other offline data.
const forgetOldDrawings = () => {
  try {
    const prefix = `${cacheName(scopeOf(document.baseURI), 'drawn')}`;
    for (const key of Object.keys(localStorage)) if (key.startsWith(prefix)) localStorage.removeItem(key);
  } catch (e) {
    // storage refused: nothing to remove
  }
};
// The app's side of "Save for offline" (src/offline.rs) waits on these.
const waiting = {};
const heard = (message) => {
  if (message.type === 'offline') bar('offline-notice', words().get('offline.now'));
  else if (message.type === 'online') bar('offline-notice', null);
  else if (message.type === 'save-progress') waiting.progress?.(message.done, message.total);
  else if (message.type === 'saved') waiting.saved?.(message);
  else if (message.type === 'removed') {
    // Markup older releases kept in localStorage goes with the rest.
    forgetOldDrawings();
    waiting.removed?.();
  } else if (message.type === 'post-changed') {
    // A post shown from the cache was edited since: the first view showing
    // it is not taken over (the app shows the new text) and the app starts
    // now; the app, if running, shows the new text (src/pages/post.rs).
    const view = document.querySelector('[data-first-view]');
    if (view && view.getAttribute('data-first-view') === message.path) {
      view.setAttribute('data-stale', '');
      if (share.early) delete share.early[`content/${message.path}`]; // the app asks again
      share.wake?.();
    }
    dispatchEvent(new CustomEvent('papershelf-post-changed', { detail: message.path }));
  }
};
if (WORKER && 'serviceWorker' in navigator) {
  navigator.serviceWorker.addEventListener('message', (e) => heard(e.data || {}));
  navigator.serviceWorker.startMessages();
  // What it said before this module loaded (the boot script kept it).
  if (share.heard) navigator.serviceWorker.removeEventListener('message', share.heard);
  for (const message of share.messages || []) heard(message);
  share.messages = null;
  // The app's "Offline reading" appears once a worker controls the page.
  navigator.serviceWorker.addEventListener('controllerchange', () => dispatchEvent(new Event('papershelf-worker')));
  (async () => {
    await share.started;
    await new Promise((resolve) => (globalThis.requestIdleCallback ? requestIdleCallback(resolve, { timeout: 2000 }) : setTimeout(resolve, 0)));
    let registration;
    try {
      registration = await navigator.serviceWorker.register(new URL('sw.js', document.baseURI).href, { scope: new URL('./', document.baseURI).href });
    } catch (e) {
      return; // reading works without it
    }
    if (!registration) return; // a browser that keeps workers out
    // A new release installs in the background; the reader chooses when to
    // reload into it, never in the middle of reading, and it reloads once.
    let accepted = false;
    const offer = (worker) => bar('update-notice', words().get('update'), words().get('update.reload'), () => {
      accepted = true;
      bar('update-notice', words().get('update.running'));
      worker.postMessage({ type: 'skip-waiting' });
    });
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      if (accepted) {
        accepted = false;
        location.reload();
      }
    });
    if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
    // What this page fetched before a worker controlled it is kept too (a
    // first visit's posts, with all their images, are readable offline): told
    // once the worker is ready, and again once it controls the page, since a
    // post read between the two never passed through it.
    const seen = (worker) => {
      const urls = performance.getEntriesByType('resource').map((entry) => entry.name).filter((url) => url.includes('/content/'));
      worker?.postMessage({ type: 'seen', urls });
    };
    navigator.serviceWorker.ready.then((ready) => seen(ready.active));
    navigator.serviceWorker.addEventListener('controllerchange', () => seen(navigator.serviceWorker.controller), { once: true });
    registration.addEventListener('updatefound', () => {
      const worker = registration.installing;
      worker?.addEventListener('statechange', () => {
        if (worker.state === 'installed' && navigator.serviceWorker.controller) offer(worker);
      });
    });
  })();
}
// The bytes the worker's caches hold, but the app's own: what "Remove offline data" frees.
const offlineBytes = async () => {
  let bytes = 0;
  // This site's caches (named for its scope as www/sw.js names them), never another site's on the origin.
  const scope = new URL('./', document.baseURI).pathname;
  for (const name of ['content', 'images', 'saved'].map((what) => `papershelf ${scope} ${what}`)) {
    if (!(await caches.has(name))) continue;
    const cache = await caches.open(name);
    for (const key of await cache.keys()) {
      const response = await cache.match(key);
      const size = Number(response.headers.get('x-papershelf-bytes') || response.headers.get('content-length'));
      bytes += size > 0 ? size : (await response.blob()).size;
    }
  }
  return bytes;
};
share.offline = {
  // Whether a worker controls this page (so saving means something).
  ready: () => Boolean(globalThis.caches && navigator.serviceWorker?.controller),
  // Saves the posts at `paths` (in content/) and their files; `progress(done, total)` as it goes.
  save: (paths, progress) => new Promise((resolve) => {
    waiting.progress = progress;
    waiting.saved = resolve;
    navigator.serviceWorker.controller.postMessage({ type: 'save', posts: paths });
  }),
  // Removes what was saved and seen (the app stays); resolves to the bytes freed.
  remove: async () => {
    const before = await offlineBytes();
    await new Promise((resolve) => {
      waiting.removed = resolve;
      navigator.serviceWorker.controller.postMessage({ type: 'remove' });
    });
    return before - (await offlineBytes());
  },
  bytes: offlineBytes,
};
