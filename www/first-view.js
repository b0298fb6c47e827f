// The start of a post's first view, shared by two scripts that
// scripts/post-build.mjs writes from this text:
//
// - a classic script inlined at the end of index.html's <body> (a release
//   build only; www/first-visit.js follows it), which runs while the page is
//   parsed: a post shown here lately is on the page before any module is
//   fetched, compiled or run;
// - the boot module (boot-<hash>.js), which starts with this text, so the
//   same happens where the inline script did not run (a Content-Security-Policy
//   without its hash, see the README).
//
// Each defines BUILD before this text: the boot module's URL (the inline
// script reads it from the module's <script> element), which names this build.
// The boot module goes on with the names defined here; the inline script
// leaves globalThis.__papershelfHot for it (see the end of post-build.mjs's
// inline script).

// What this site keeps on the device is named for its scope, the folder of
// its root page (the service worker's scope, www/sw.js): sites that share an
// origin (GitHub Pages serves you.github.io/a/ and you.github.io/b/ from one)
// never read or replace each other's keys and caches.
const SCOPE = new URL('./', document.baseURI).pathname;
/** The name of this site's `what` cache, or the prefix of its local storage keys. */
const cacheName = (what) => `papershelf ${SCOPE} ${what}`;

// A post page (docs/<path>/, written by `papershelf publish`): its post is
// opened as the root's hash route, a plain fragment (a Docusaurus heading
// link) becoming the heading to scroll to. The page's <base> is the site's
// root, so the address becomes the root's hash route, in place.
const pagePost = document.querySelector('meta[name="papershelf-post"]')?.content;
if (pagePost && !location.hash.startsWith('#/')) {
  let anchor = '';
  try {
    anchor = decodeURIComponent(location.hash.slice(1));
  } catch (e) {
    anchor = location.hash.slice(1);
  }
  const stem = pagePost.replace(/\.mdx?$/, '');
  history.replaceState(history.state, '', `#/post/${stem}${anchor ? `?id=${encodeURIComponent(anchor)}` : ''}`);
}
// The boot script fetches the first view's files early only where
// AbortSignal.timeout exists (an early fetch must not wait forever).
const fetchesEarly = typeof AbortSignal === 'function' && typeof AbortSignal.timeout === 'function';
// The post a link to a post names, and its file in content/ (only plain paths:
// the app checks every route itself anyway).
const match = /^#\/post\/([A-Za-z0-9_./-]+)(?:\?.*)?$/.exec(location.hash);
const post = match && match[1];
const postUrl = fetchesEarly && post && !post.split('/').some((s) => s === '' || s === '.' || s === '..')
  ? `content/${/\.mdx?$/.test(post) ? post : post + '.md'}`
  : null;
// Routes drop a post's extension (`.md` is assumed): a post not found as `.md`
// may be an `.mdx`, asked for only then. The app takes that answer too.
const mdxUrl = postUrl && !/\.mdx?$/.test(post) ? postUrl.replace(/\.md$/, '.mdx') : null;

// Posts this browser has shown, kept as the reader drew them (in a release
// build, where a service worker keeps the app): on a repeat visit, the same
// text under the same build is shown again from that markup, without
// downloading, compiling and running the reader. The markup is the reader's
// own output (the allow-list applied); it is kept in Cache Storage (the boot
// module) and, for the few posts shown last, in localStorage, under a key
// naming this build, the page, the theme and the site, beside the very text it
// was drawn from, and shown only where a first view of that post is what it holds.
const keepsDrawn = typeof caches === 'object' && !/[?&]id=/.test(location.hash);
/** The key a drawing of the post at `url` is kept under. */
const drawnKey = (url) => {
  let theme = '';
  try {
    theme = localStorage.getItem(cacheName('theme')) || '';
  } catch (e) {
    // storage refused: the default theme
  }
  const key = new URLSearchParams({ post: url, page: location.pathname, build: BUILD, theme, site: document.querySelector('meta[name="application-name"]')?.content || '' });
  return new URL(`papershelf-drawn?${key}`, location.href).href;
};
/** Shows `kept` ({url, text, title, html}) as the first view of `url`, unless it holds
 * what the allow-list never emits; returns whether it did. Its text is the caller's to check. */
const drawKept = (kept, url) => {
  if (!kept || kept.url !== url || typeof kept.html !== 'string') return false;
  const template = document.createElement('template');
  template.innerHTML = kept.html;
  const view = template.content.firstElementChild;
  if (!view || template.content.childElementCount !== 1 || view.getAttribute('data-first-view') !== url.slice('content/'.length)) return false;
  // Read in an inert template, so nothing in it has run. What the allow-list
  // never emits means the drawing is not the reader's: it is not shown.
  const foreign = (el) =>
    /^(script|style|iframe|frame|object|embed|base|meta|link|svg|math|template|noscript|textarea|xmp|plaintext|noembed|noframes|title)$/i.test(el.localName) ||
    [...el.attributes].some((a) => /^on/i.test(a.name) || /^\s*(javascript|vbscript|data:text)/i.test(a.value.replace(/[\u0000-\u001f]/g, '')));
  if (foreign(view) || [...view.querySelectorAll('*')].some(foreign)) return false;
  // Styles are kept as data-kept-style (see the boot module's keepDrawn) and
  // set through CSSOM, which a Content-Security-Policy never refuses, as the
  // modules set them; a style attribute in markup is an inline style it may.
  for (const el of [view, ...view.querySelectorAll('[data-kept-style]')]) {
    const css = el.getAttribute('data-kept-style');
    if (css === null) continue;
    el.removeAttribute('data-kept-style');
    el.style.cssText = css;
  }
  document.getElementById('boot')?.remove();
  document.body.append(view);
  document.title = String(kept.title);
  return true;
};

// The few posts shown last are kept as drawn in localStorage, which is read
// synchronously: the post is shown before any request is answered, and
// checked against its text when that arrives (from the worker's cache, at
// once). The boot module keeps them, and forgets them.
const HOT = cacheName('drawn');
const hotKey = (key) => `${HOT} ${key}`;
/** Shows the hot drawing of the post asked for as `url` (drawn from it, or from its .mdx);
 * returns it, or null. */
const showHot = (url) => {
  try {
    const raw = localStorage.getItem(hotKey(drawnKey(url)));
    const kept = raw ? JSON.parse(raw) : null;
    return kept && (kept.url === url || kept.url === mdxUrl) && typeof kept.text === 'string' && drawKept(kept, kept.url) ? kept : null;
  } catch (e) {
    return null;
  }
};
