// Posts this browser has shown, kept as the reader drew them (in a release
// build, where a service worker keeps the app): on a repeat visit, the same
// text under the same build is shown again from that markup, without
// downloading, compiling and running a module. The markup is the reader's
// own output (the allow-list applied); it is kept in Cache Storage and, for
// the few posts shown last ("hot"), in localStorage, which is read
// synchronously: the post is shown before any request is answered, and
// checked against its text when that arrives. Keys name this build, the
// page, the theme and the site, and a drawing is shown only beside the very
// text it was drawn from.

import { cacheName } from './scope.js';

/** How many hot drawings are kept, and how many characters in all. */
export const HOT_MAX = 8;
export const HOT_CHARS = 512 * 1024;
/** How many drawings Cache Storage keeps. */
export const DRAWN_MAX = 200;

/** Elements and attributes the allow-list never emits: a kept drawing holding one is not the
 * reader's, and is not shown. */
const foreign = (el) =>
  /^(script|style|iframe|frame|object|embed|base|meta|link|svg|math|template|noscript|textarea|xmp|plaintext|noembed|noframes|title)$/i.test(el.localName) ||
  [...el.attributes].some((a) => /^on/i.test(a.name) || /^\s*(javascript|vbscript|data:text)/i.test(a.value.replace(/[\u0000-\u001f]/g, '')));

/**
 * The drawings kept by this site.
 * @param {{scope: string, build: string, doc?: Document, storage?: Storage|null, cacheStorage?: CacheStorage|null}} where
 *   `scope` names the site (scope.js), `build` this build (its boot module's URL).
 */
export const keptDrawings = ({ scope, build, doc = document, storage = globalThis.localStorage ?? null, cacheStorage = globalThis.caches ?? null }) => {
  const HOT = cacheName(scope, 'drawn');
  const hotKey = (key) => `${HOT} ${key}`;
  const site = () => doc.querySelector('meta[name="application-name"]')?.content || '';

  /** The key a drawing of the post at `url` is kept under. */
  const keyOf = (url) => {
    let theme = '';
    try {
      theme = storage?.getItem(cacheName(scope, 'theme')) || '';
    } catch (e) {
      // storage refused: the default theme
    }
    const key = new URLSearchParams({ post: url, page: doc.location.pathname, build, theme, site: site() });
    return new URL(`papershelf-drawn?${key}`, doc.location.href).href;
  };

  /** Shows `kept` ({url, text, title, html}) as the first view of `url`, unless it holds what
   * the allow-list never emits; returns whether it did. Its text is the caller's to check. */
  const show = (kept, url) => {
    if (!kept || kept.url !== url || typeof kept.html !== 'string') return false;
    const template = doc.createElement('template');
    template.innerHTML = kept.html;
    const view = template.content.firstElementChild;
    if (!view || template.content.childElementCount !== 1 || view.getAttribute('data-first-view') !== url.slice('content/'.length)) return false;
    // Read in an inert template, so nothing in it has run.
    if (foreign(view) || [...view.querySelectorAll('*')].some(foreign)) return false;
    // Styles are kept as data-kept-style (see `keep`) and set through CSSOM,
    // which a Content-Security-Policy never refuses, as the modules set them.
    for (const el of [view, ...view.querySelectorAll('[data-kept-style]')]) {
      const css = el.getAttribute('data-kept-style');
      if (css === null) continue;
      el.removeAttribute('data-kept-style');
      el.style.cssText = css;
    }
    doc.getElementById('boot')?.remove();
    doc.body.append(view);
    doc.title = String(kept.title);
    return true;
  };

  /** The hot drawings, oldest first: [{key, url, build, size}]. */
  const hotList = () => {
    try {
      const list = JSON.parse(storage.getItem(HOT) || '[]');
      return Array.isArray(list) ? list.filter((entry) => entry && typeof entry.key === 'string') : [];
    } catch (e) {
      return [];
    }
  };

  /** Shows the hot drawing of the post asked for as `url` (drawn from it, or from `mdx`);
   * returns it, or null. */
  const showHot = (url, mdx) => {
    try {
      const raw = storage.getItem(hotKey(keyOf(url)));
      const kept = raw ? JSON.parse(raw) : null;
      return kept && (kept.url === url || kept.url === mdx) && typeof kept.text === 'string' && show(kept, kept.url) ? kept : null;
    } catch (e) {
      return null;
    }
  };

  /** Keeps `kept`, the first view of the post asked for as `asked`, as the newest hot drawing;
   * other builds' and then the oldest go, to make room. */
  const keepHot = (asked, kept) => {
    try {
      const key = keyOf(asked);
      const value = JSON.stringify(kept);
      if (value.length > HOT_CHARS) return;
      const list = [];
      for (const entry of hotList()) {
        if (entry.key === key) continue;
        if (entry.build === build) list.push(entry);
        else storage.removeItem(hotKey(entry.key));
      }
      list.push({ key, url: kept.url, build, size: value.length });
      let total = list.reduce((sum, entry) => sum + (Number(entry.size) || 0), 0);
      while (list.length > HOT_MAX || total > HOT_CHARS) {
        const oldest = list.shift();
        total -= Number(oldest.size) || 0;
        storage.removeItem(hotKey(oldest.key));
      }
      for (;;) {
        try {
          storage.setItem(hotKey(key), value);
          break;
        } catch (e) {
          // The origin's storage is full (other sites of a shared origin use it too): the oldest go first.
          if (list.length <= 1) throw e;
          storage.removeItem(hotKey(list.shift().key));
        }
      }
      storage.setItem(HOT, JSON.stringify(list));
    } catch (e) {
      // not kept here: Cache Storage has it
    }
  };

  /** Makes the hot drawing of the post asked for as `asked` the newest, as it is. */
  const touchHot = (asked) => {
    try {
      const key = keyOf(asked);
      const list = hotList();
      const at = list.findIndex((entry) => entry.key === key);
      if (at < 0 || at === list.length - 1) return;
      list.push(...list.splice(at, 1));
      storage.setItem(HOT, JSON.stringify(list));
    } catch (e) {
      // storage refused: the order stays
    }
  };

  /** Forgets the hot drawings of the post at `path` (in content/), or every one. */
  const forget = (path) => {
    try {
      const list = hotList();
      const kept = list.filter((entry) => path !== undefined && entry.url !== `content/${path}`);
      for (const entry of list) if (!kept.includes(entry)) storage.removeItem(hotKey(entry.key));
      storage.setItem(HOT, JSON.stringify(kept));
    } catch (e) {
      // storage refused: nothing was kept
    }
  };

  /** What Cache Storage kept for the post at `url`, or null: asked of the service worker,
   * which reaches Cache Storage faster than the page does. */
  const before = (url) =>
    fetch(keyOf(url))
      .then((r) => (r.ok ? r.json() : null))
      .catch(() => null);

  /** Keeps the first view on the page (drawn of `url` from `text`, asked for as `asked`). */
  const keep = (asked, url, text) => {
    const view = doc.querySelector('[data-first-view]');
    if (!view) return;
    // Its style attributes as data-kept-style: `show` sets them through CSSOM.
    const copy = view.cloneNode(true);
    for (const el of [copy, ...copy.querySelectorAll('[style]')]) {
      const css = el.getAttribute('style');
      if (css === null) continue;
      el.removeAttribute('style');
      el.setAttribute('data-kept-style', css);
    }
    const kept = { url, text, title: doc.title, html: copy.outerHTML };
    setTimeout(async () => {
      keepHot(asked, kept);
      try {
        const cache = await cacheStorage.open(HOT);
        await cache.put(keyOf(asked), new Response(JSON.stringify(kept), { headers: { 'content-type': 'application/json' } }));
        const keys = await cache.keys();
        for (const key of keys.slice(0, Math.max(0, keys.length - DRAWN_MAX))) await cache.delete(key);
      } catch (e) {
        // not kept: the reader draws it next time
      }
    }, 0);
  };

  return { keyOf, show, showHot, keepHot, touchHot, forget, before, keep, hotList };
};
