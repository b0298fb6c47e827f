// A first view: the page the address names (a post, the home page, the
// papers page) drawn by the small lists module before the app has loaded,
// from what `papershelf index` wrote ahead, through the same allow-list as
// the app (crates/core/src/policy.rs; the module reads every node back
// through it). The app is the only other way a post is drawn: from its text.
//
// Started by the inline script at the end of index.html (inline.js), while
// the page is parsed; by the boot module (main.js) where that script did not
// run (a Content-Security-Policy without its hash, see the README).

import { routeOf, postFiles, pageRoute, paperPageRoute } from './route.js';
import { contentHash } from './hash.js';
import { earlyAnswers } from './early.js';
import { shared } from './shared.js';

/** How long a first view waits for its post (or list) before leaving it to the app. */
export const DEADLINE_MS = 2000;
/** Posts longer than this are the app's: a first view is for what a phone shows at once. */
export const FIRST_VIEW_CHARS = 256 * 1024;

/** Whether a drawing ahead names an image a first view may preload (in content/, no dot segments). */
export const preloadableImage = (image) =>
  typeof image === 'string' && image.startsWith('content/') && !image.split('/').some((s) => s === '.' || s === '..');

/** The lists module's files as index.html names them (<meta name="papershelf-lists">), or null. */
export const listsFiles = (doc) => {
  const meta = doc.querySelector('meta[name="papershelf-lists"]');
  const js = meta?.getAttribute('content');
  const wasm = meta?.getAttribute('data-wasm');
  return js && wasm ? { js, wasm } : null;
};

/**
 * Starts the first view of the page, once per page: asks for what it needs at
 * once and in parallel (the post, its drawing ahead, the lists module), and
 * draws it when all have come, if the drawing is of this very text.
 * @param {{lists: {js: string, wasm: string}|null, by: string, win?: Window}} options the lists module's
 *   files, and who starts it ('inline script' or 'boot module': the view's `by`).
 * @returns {{by: string, route: object, post: object|null, list: boolean, early: object, shown: Promise<boolean>,
 *   how: string|null, module: Promise<object>|null}} what the boot module goes on from
 *   (kept in the shared object as `view`).
 */
export const startFirstView = ({ lists, by, win = globalThis }) => {
  const share = shared();
  if (share.view) return share.view;
  const doc = win.document;
  // A post page (docs/<path>/, written by `papershelf publish`): its <base> is
  // the site's root, so the address becomes the root's hash route, in place.
  const pagePost = doc.querySelector('meta[name="papershelf-post"]')?.content;
  // A paper's page (paper/<key>/) likewise becomes #/paper/<key>.
  const pagePaper = doc.querySelector('meta[name="papershelf-paper"]')?.content;
  const to = pagePost ? pageRoute(pagePost, win.location.hash) : pagePaper ? paperPageRoute(pagePaper, win.location.hash) : null;
  if (to) win.history.replaceState(win.history.state, '', to);
  // Files are fetched early only where AbortSignal.timeout exists (an early fetch must not wait forever).
  const fetchesEarly = typeof win.AbortSignal === 'function' && typeof win.AbortSignal.timeout === 'function';
  const route = routeOf(win.location.hash);
  const post = fetchesEarly && route.page === 'post' ? postFiles(route.post) : null;
  const list = fetchesEarly && !post && (route.page === 'home' || route.page === 'papers') && !route.filtered;
  const early = earlyAnswers(fetchesEarly ? (share.early ??= {}) : null, (...args) => win.fetch(...args));
  const view = (share.view = { by, route, post, list, early, shown: Promise.resolve(false), how: null, module: null });
  // The module, asked for once, beside what it draws.
  const module = () => {
    if (!view.module) {
      const url = (file) => new URL(file, doc.baseURI).href;
      const wasm = win.fetch(url(lists.wasm));
      wasm.catch(() => {}); // reported by the import below
      view.module = import(url(lists.js)).then(async (m) => {
        await m.default({ module_or_path: wasm });
        return m;
      });
      view.module.catch(() => {}); // not shown early: the app shows the page
    }
    return view.module;
  };
  const deadline = () => new Promise((resolve) => win.setTimeout(resolve, DEADLINE_MS, null));
  if (post) {
    early.fetch(post.url, true);
    if (post.mdx) early.fallback(post.url, post.mdx);
    // Not where SubtleCrypto is missing (a page not served over HTTPS or
    // from localhost): a drawing could not be checked against the text.
    if (lists && win.crypto?.subtle) {
      const drawing = early.json(post.drawing);
      // The post's first image (what a phone paints largest first), asked for as soon as the drawing names it.
      drawing.then((d) => {
        if (!preloadableImage(d?.image)) return;
        const link = doc.createElement('link');
        link.rel = 'preload';
        link.as = 'image';
        link.href = d.image;
        link.fetchPriority = 'high';
        doc.head.append(link);
      });
      module();
      view.shown = (async () => {
        const by = deadline();
        let answer = await Promise.race([early.get(post.url).catch(() => null), by]);
        let url = post.url;
        if (answer && answer.status === 404 && post.mdx) {
          answer = await Promise.race([early.get(post.mdx).catch(() => null), by]);
          url = post.mdx;
        }
        if (!answer || answer.status !== 200 || answer.text.length > FIRST_VIEW_CHARS) return false;
        const drawn = await Promise.race([drawing, by]);
        if (!drawn || drawn.hash !== (await contentHash(answer.text, win.crypto.subtle))) return false;
        const m = await Promise.race([module(), by]);
        return Boolean(m && m.show_post(win.location.hash, url, drawn));
      })().catch(() => false);
    }
  } else if (list && lists) {
    const front = early.json('content/_papershelf/front.json');
    module();
    view.shown = (async () => {
      const by = deadline();
      const answer = await Promise.race([front, by]);
      const m = answer && (await Promise.race([module(), by]));
      return Boolean(m && m.show_list(win.location.hash, answer));
    })().catch(() => false);
  } else if (!post) {
    // Nothing drawn first: the index comes now.
    early.fetch('content/index.json', false);
  }
  view.shown = view.shown.then((shown) => {
    if (!shown) return false;
    view.how = post ? 'drawn ahead' : 'list';
    win.performance.mark('papershelf:first-view', { detail: view.how });
    // Until the app takes over, "Skip to content" moves the focus (a hash
    // of its own would be a route the app does not know), and the table of
    // entries scrolls to its headings.
    const root = doc.querySelector('[data-first-view]');
    root?.querySelector('.skip-link')?.addEventListener('click', (e) => {
      e.preventDefault();
      root.querySelector('main')?.focus();
    });
    if (post) {
      win.addEventListener('hashchange', function follow() {
        if (!doc.querySelector('[data-first-view]')) return win.removeEventListener('hashchange', follow);
        module().then((m) => m.follow_anchor(win.location.hash));
      });
    }
    return true;
  });
  return view;
};
