// The start of a post's first view, run by two scripts that
// scripts/post-build.mjs bundles from these modules:
//
// - the inline script at the end of index.html's <body> (inline.js; a
//   release build only), which runs while the page is parsed: a post shown
//   here lately is on the page before any module is fetched, compiled or
//   run;
// - the boot module (main.js), which does the same where the inline script
//   did not run (a Content-Security-Policy without its hash, see the README).

import { routeOf, postFiles, pageRoute } from './route.js';
import { scopeOf } from './scope.js';
import { keptDrawings } from './kept.js';

/**
 * Reads what the page is for and makes the drawings kept on the device ready.
 * @param {{build: string, release: boolean, win?: Window}} options `build` names this build (the boot
 *   module's URL); drawings are kept in a `release` build only (its service worker keeps the app).
 * @returns {{route: object, files: {url: string, mdx: string|null, drawing: string}|null,
 *   fetchesEarly: boolean, keepsDrawn: boolean, kept: ReturnType<typeof keptDrawings>}}
 *   `files` are those of the post the address links to (null for any other page, or where nothing is
 *   fetched early).
 */
export const firstView = ({ build, release, win = globalThis }) => {
  const doc = win.document;
  // A post page (docs/<path>/, written by `papershelf publish`): its <base> is
  // the site's root, so the address becomes the root's hash route, in place.
  const pagePost = doc.querySelector('meta[name="papershelf-post"]')?.content;
  const to = pagePost ? pageRoute(pagePost, win.location.hash) : null;
  if (to) win.history.replaceState(win.history.state, '', to);
  // Files are fetched early only where AbortSignal.timeout exists (an early fetch must not wait forever).
  const fetchesEarly = typeof win.AbortSignal === 'function' && typeof win.AbortSignal.timeout === 'function';
  const route = routeOf(win.location.hash);
  const files = fetchesEarly && route.page === 'post' ? postFiles(route.post) : null;
  // A post opened at a heading is not drawn from what was kept (it scrolls; the app does that).
  const keepsDrawn = release && typeof win.caches === 'object' && !route.anchor;
  let storage = null;
  try {
    storage = win.localStorage;
  } catch (e) {
    // storage refused (a sandboxed frame): nothing kept
  }
  const kept = keptDrawings({ scope: scopeOf(doc.baseURI), build, doc, storage, cacheStorage: win.caches ?? null });
  return { route, files, fetchesEarly, keepsDrawn, kept };
};
