// Starts papershelf: shows the first view of the page the address names
// (a post, the home page, the papers page) with a small module, then the
// app, which takes the page over; says what is wrong when it cannot start.
//
// What draws a first view:
// - a post drawn here before, unchanged since: kept.js shows the markup kept
//   (the inline script did already, where it ran);
// - a post drawn ahead by `papershelf index` from this very text (its content
//   hash): the lists module draws that drawing, without the Markdown parser;
// - any other post: the reader module draws it from its text;
// - the home and papers pages: the lists module, from _papershelf/front.json.

import { firstView } from './first-view.js';
import { contentHash } from './hash.js';
import { earlyAnswers, EARLY_MS } from './early.js';
import { shared } from './shared.js';
import { say, startFailure, afterPaint, idle } from './page.js';
import { listenForCopies } from './copy.js';

/** With a first view on screen, how long a quiet page waits before the app starts. */
export const QUIET_MS = 3000;
/** With a post on screen, how long after its first images are decoded the app's bytes are fetched. */
export const PREFETCH_MS = 1000;
/** How long a first view waits for its post (or list) before leaving it to the app. */
export const DEADLINE_MS = 2000;
/** Posts longer than this are the app's (MAX_POST_BYTES in crates/reader-wasm). */
export const FIRST_VIEW_CHARS = 256 * 1024;

/** Whether a drawing ahead names an image a first view may preload (in content/, no dot segments). */
export const preloadableImage = (image) =>
  typeof image === 'string' && image.startsWith('content/') && !image.split('/').some((s) => s === '.' || s === '..');

/** Imports the build's file `file` (beside the boot module). */
const load = (file) => import(new URL(file, import.meta.url).href);

/**
 * @param {{build: string, release: boolean, files: object}} options `build` is this module's URL;
 *   `files` the build's hashed file names (scripts/post-build.mjs).
 */
export const start = async ({ build, release, files }) => {
  const share = shared();
  const { route, files: post, fetchesEarly, keepsDrawn, kept } = firstView({ build, release });
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
  const early = earlyAnswers(fetchesEarly ? (share.early = {}) : null);
  // The home page or the papers page with no filter: its first screen comes
  // with the lists module from _papershelf/front.json (a few KB); the whole
  // index waits until that is shown.
  const list = !post && (route.page === 'home' || route.page === 'papers') && !route.filtered;

  const drawsKept = keepsDrawn && Boolean(post);
  // The page as it was before a first view was shown (before the inline
  // script showed one, if it did): a view shown before its text was checked
  // gives it back (see unshow).
  const inline = share.hot;
  const bootMessage = inline ? inline.boot : document.getElementById('boot');
  const bootTitle = inline ? inline.title : document.title;
  const unshow = () => {
    document.querySelector('[data-first-view]')?.remove();
    if (bootMessage && !bootMessage.isConnected) document.body.prepend(bootMessage);
    document.title = bootTitle;
  };
  share.forgetDrawn = kept.forget;

  // A post drawn here before: shown at once if it is hot, or asked for beside the post.
  const hot = inline && post && inline.url === post.url ? inline.kept : drawsKept ? kept.showHot(post.url, post.mdx) : null;
  // A hot drawing is painted first: the requests below come after.
  if (hot) await afterPaint();

  const front =
    list && early.on
      ? fetch('content/_papershelf/front.json', { cache: 'no-cache', signal: AbortSignal.timeout(EARLY_MS) }).then((r) => (r.ok ? r.json() : null))
      : null;
  front?.catch(() => {}); // not shown early: the app shows the list
  if (post) {
    early.fetch(post.url, true);
    if (post.mdx) early.fallback(post.url, post.mdx);
  } else if (!front) early.fetch('content/index.json', false);
  // What the worker says before the client has loaded is kept for it.
  if ('serviceWorker' in navigator) {
    share.messages = [];
    share.heard = (e) => share.messages?.push(e.data || {});
    navigator.serviceWorker.addEventListener('message', share.heard);
    navigator.serviceWorker.startMessages();
  }
  const drawnBefore = drawsKept && navigator.serviceWorker?.controller ? kept.before(post.url) : Promise.resolve(null);
  const drawn = hot ? Promise.resolve(hot) : post ? drawnBefore : null;

  // The post drawn ahead (content/_papershelf/drawn/<post>.json: its safe
  // tree as data), drawn by the lists module if it was drawn from this very
  // text. Not where SubtleCrypto is missing (a page not served over HTTPS or
  // from localhost): the reader draws the post there.
  const drawsAhead = Boolean(post && globalThis.crypto?.subtle);
  let ahead = null;
  const drawnAhead = () => {
    if (!ahead) {
      ahead = fetch(post.drawing).then((r) => (r.ok ? r.json() : null)).catch(() => null);
      // The post's first image (what a phone paints largest first), asked for as soon as the drawing names it.
      ahead.then((drawing) => {
        if (!preloadableImage(drawing?.image)) return;
        const link = document.createElement('link');
        link.rel = 'preload';
        link.as = 'image';
        link.href = drawing.image;
        link.fetchPriority = 'high';
        document.head.append(link);
      });
    }
    return ahead;
  };
  if (drawsAhead) drawn.then((before) => before || drawnAhead());

  let appBytes = null;
  if (typeof WebAssembly !== 'object') {
    say('papershelf needs WebAssembly, which this browser does not have. Open the site in a current browser.');
    return;
  }
  if (post || front) {
    // The first view's modules (the reader, the lists), each loaded once, when it is needed.
    const modules = {};
    const loadModule = (name) => {
      if (!modules[name]) {
        const { js, wasm: bytes } = files[name];
        const wasm = fetch(`./${bytes}`);
        wasm.catch(() => {}); // reported by the import below
        modules[name] = load(js).then(async (m) => { await m.default({ module_or_path: wasm }); return m; });
        modules[name].catch(() => {}); // not shown early: the app shows the page
      }
      return modules[name];
    };
    const deadline = new Promise((resolve) => setTimeout(resolve, DEADLINE_MS, null));
    let shown = false;
    // How the first view was drawn ('kept', 'drawn ahead', 'reader', 'list'): the detail of its mark.
    let how = 'list';
    if (post) {
      const before = await Promise.race([drawn, new Promise((resolve) => setTimeout(resolve, 200, null))]);
      if (!before) loadModule(drawsAhead ? 'lists' : 'reader');
      let answer = await Promise.race([early.get(post.url).catch(() => null), deadline]);
      let shownUrl = post.url;
      if (answer && answer.status === 404 && post.mdx) {
        answer = await Promise.race([early.get(post.mdx).catch(() => null), deadline]);
        shownUrl = post.mdx;
      }
      // The module that drew the post (the lists module for one shown as drawn before).
      let viewer = 'lists';
      if (answer && answer.status === 200 && answer.text.length <= FIRST_VIEW_CHARS) {
        try {
          if (hot && hot.url === shownUrl && hot.text === answer.text) {
            shown = true;
            how = 'kept';
            setTimeout(() => kept.touchHot(post.url), 0);
          } else if (!hot && before !== null && before.text === answer.text && kept.show(before, shownUrl)) {
            shown = true;
            how = 'kept';
            setTimeout(() => kept.keepHot(post.url, before), 0);
          } else {
            if (hot) {
              // Drawn from other text (the post changed since): drawn anew.
              unshow();
              kept.forget(hot.url.slice('content/'.length));
            }
            const drawing = drawsAhead && (await Promise.race([drawnAhead(), deadline]));
            if (drawing && drawing.hash === (await contentHash(answer.text))) {
              shown = (await loadModule('lists')).show_post(location.hash, shownUrl, drawing);
              how = 'drawn ahead';
            }
            if (!shown) {
              viewer = how = 'reader';
              shown = (await loadModule('reader')).show_post(location.hash, shownUrl, answer.text);
            }
            if (shown && drawsKept) kept.keep(post.url, shownUrl, answer.text);
          }
          if (shown) {
            // Until the app takes over, the table of entries scrolls to its headings.
            addEventListener('hashchange', function follow() {
              if (!document.querySelector('[data-first-view]')) return removeEventListener('hashchange', follow);
              loadModule(viewer).then((module) => module.follow_anchor(location.hash));
            });
          }
        } catch (e) {
          // Not shown early: the app shows the post.
        }
      }
      // A hot drawing whose text could not be had is not left showing: the app says why.
      if (hot && !shown) unshow();
    } else {
      loadModule('lists');
      const answer = await Promise.race([front.catch(() => null), deadline]);
      try {
        shown = answer !== null && (await loadModule('lists')).show_list(location.hash, answer);
      } catch (e) {
        // Not shown early: the app shows the list.
      }
    }
    if (shown) {
      performance.mark('papershelf:first-view', { detail: how });
      // Until the app takes over, "Skip to content" moves the focus (a hash
      // of its own would be a route the app does not know).
      const view = document.querySelector('[data-first-view]');
      view.querySelector('.skip-link').addEventListener('click', (e) => {
        e.preventDefault();
        view.querySelector('main').focus();
      });
    }
    // After the first screen is painted (the first view's download does not wait for it).
    requestAnimationFrame(() => setTimeout(client, 0));
    if (shown) {
      // The page is on screen and complete: the app's start waits until the
      // reader does something (a tap, a key, the focus, a link followed), or
      // the page has been quiet for QUIET_MS, so it never competes with the
      // page being read. Its bytes and the index download once the first
      // screen is painted, so a first tap only waits for the start.
      if (post) {
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
      appBytes = fetch(`./${files.app.wasm}`);
      appBytes.catch(() => {}); // reported by init below
      const preload = document.createElement('link');
      preload.rel = 'modulepreload';
      preload.href = `./${files.app.js}`;
      document.head.append(preload);
      early.fetch('content/index.json', false);
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
    } else {
      // Nothing shown: the app and the index download once the page is painted.
      await afterPaint();
      early.fetch('content/index.json', false);
    }
  }
  try {
    // The wasm is asked for beside its glue, not after it: one round trip less.
    appBytes ??= fetch(`./${files.app.wasm}`);
    appBytes.catch(() => {}); // reported by init below
    const { default: init } = await load(files.app.js);
    await init({ module_or_path: appBytes });
    requestAnimationFrame(() => setTimeout(painted, 0));
    client();
  } catch (e) {
    say(startFailure(e));
  }
};
