// Starts papershelf: the first view of the page (first-view.js), then the
// app, which takes the page over; says what is wrong when it cannot start.

import { startFirstView } from './first-view.js';
import { shared } from './shared.js';
import { say, startFailure, afterPaint, idle } from './page.js';
import { listenForCopies } from './copy.js';

/** With a first view on screen, how long a quiet page waits before the app starts. */
export const QUIET_MS = 3000;
/** With a post on screen, how long after its first images are decoded the app's bytes are fetched. */
export const PREFETCH_MS = 1000;

/** Imports the build's file `file` (relative to the site's root). */
const load = (file) => import(new URL(file, document.baseURI).href);

/**
 * @param {{files: object}} options the build's hashed file names (scripts/post-build.mjs).
 */
export const start = async ({ files }) => {
  const share = shared();
  // Started by the inline script already, unless a Content-Security-Policy kept it from running.
  const view = startFirstView({ lists: files.lists, by: 'boot module' });
  listenForCopies();
  // The service worker is registered once the app has started (after the
  // first screen, and after the app's own files are in the HTTP cache, which
  // the worker's precache then reads); www/client.js does it.
  let painted;
  share.started = new Promise((resolve) => {
    painted = resolve;
  });
  // Starts the app at once, when it is waiting for the reader (see below).
  let wakeApp = null;
  share.wake = () => wakeApp?.();
  const client = () => load(files.client).catch(() => {}); // offline reading is an extra
  const importModule = (js) => () => load(js).then(async (m) => { await m.default(); return m; });
  // The app calls these the first time a post has math, and when the search box is first focused.
  share.math ??= importModule(files.math.js);
  share.search ??= importModule(files.search.js);
  // What the worker says before the client has loaded is kept for it.
  if ('serviceWorker' in navigator) {
    share.messages = [];
    share.heard = (e) => share.messages?.push(e.data || {});
    navigator.serviceWorker.addEventListener('message', share.heard);
    navigator.serviceWorker.startMessages();
  }
  if (typeof WebAssembly !== 'object') {
    say('papershelf needs WebAssembly, which this browser does not have. Open the site in a current browser.');
    return;
  }
  let appBytes = null;
  const shown = await view.shown;
  // After the first screen is painted (the first view's download does not wait for it).
  requestAnimationFrame(() => setTimeout(client, 0));
  if (shown) {
    // The page is on screen and complete: the app's start waits until the
    // reader does something (a tap, a key, the focus, a link followed), or
    // the page has been quiet for QUIET_MS, so it never competes with the
    // page being read. Its bytes and the index download once the first
    // screen is painted, so a first tap only waits for the start.
    if (view.post) {
      // (The page has "loaded" before the first view's images are even
      // asked for: wait for those the reader sees first.)
      const firstImages = [...document.querySelectorAll('[data-first-view] img:not([loading="lazy"])')];
      await Promise.race([
        Promise.all(firstImages.map((img) => img.decode().catch(() => {}))),
        new Promise((resolve) => setTimeout(resolve, 5000)),
      ]);
      // Painting them can take a while longer (fonts for a script not yet used).
      await new Promise((resolve) => setTimeout(resolve, PREFETCH_MS));
      await idle(500);
    } else {
      await afterPaint();
    }
    appBytes = fetch(new URL(files.app.wasm, document.baseURI).href);
    appBytes.catch(() => {}); // reported by init below
    const preload = document.createElement('link');
    preload.rel = 'modulepreload';
    preload.href = new URL(files.app.js, document.baseURI).href;
    document.head.append(preload);
    view.early.fetch('content/index.json', false);
    await new Promise((resolve) => {
      const events = ['pointerdown', 'touchstart', 'keydown', 'focusin', 'hashchange'];
      const go = () => {
        for (const name of events) removeEventListener(name, go, true);
        wakeApp = null;
        resolve();
      };
      wakeApp = go;
      for (const name of events) addEventListener(name, go, { capture: true, passive: true });
      setTimeout(() => (globalThis.requestIdleCallback ? requestIdleCallback(go, { timeout: 1000 }) : go()), QUIET_MS);
    });
    performance.mark('papershelf:app-wanted');
  } else if (view.post || view.list) {
    // Nothing shown: the app and the index download once the page is painted.
    await afterPaint();
    view.early.fetch('content/index.json', false);
  }
  try {
    // The wasm is asked for beside its glue, not after it: one round trip less.
    appBytes ??= fetch(new URL(files.app.wasm, document.baseURI).href);
    appBytes.catch(() => {}); // reported by init below
    const { default: init } = await load(files.app.js);
    await init({ module_or_path: appBytes });
    requestAnimationFrame(() => setTimeout(painted, 0));
    client();
  } catch (e) {
    say(startFailure(e));
  }
};
