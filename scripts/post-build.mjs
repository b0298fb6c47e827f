// Trunk post_build hook (runs in TRUNK_STAGING_DIR, for `trunk build` and `trunk serve`).
//
// 0. Copies the content folder (PAPERSHELF_CONTENT, from `make … CONTENT=…`;
//    default content/) into the build as content/, and indexes it there with
//    `papershelf index` (index.json, and _papershelf/: the first screens, offline.json,
//    the search index, the posts drawn ahead).
//    The folder is read where it is and never written to.
// 1. Moves Trunk's inline loader <script type="module"> into boot-<hash>.js, so a
//    Content-Security-Policy needs no 'unsafe-inline' (trunk-rs/trunk#288), and makes
//    it say clearly when WebAssembly cannot start. On a link to a post, boot.js shows
//    the post with the small reader module first, then loads the app; so Trunk's
//    preloads of the app are taken out (they would download it before the post shows).
// 2. Gives the reader (crates/reader-wasm), the lists (crates/lists-wasm), the math
//    renderer (crates/math-wasm) and the search engine (crates/search-wasm), built by
//    Trunk as unhashed "workers",
//    hashed file names, and defines globalThis.__papershelfMath() and
//    globalThis.__papershelfSearch() for the app to import the last two.
// 3. Writes embed.js from www/embed.js with the hashed app file names filled in.
//    The reader's wasm gets wasm-opt's passes once more, to a fixed point.
// 4. Gives index.html the site's own name, description and language, from
//    papershelf.toml as `papershelf index` wrote them into content/index.json.
// 5. Writes the service worker (www/sw.js, with the app's files and a version
//    filled in) in a release build, and its way out (www/sw-off.js) as sw.js
//    under `trunk serve`; and the web app manifest.
// 6. Minifies every script and the style sheet with esbuild (wasm-bindgen's glue
//    and these scripts are written to be read; the first view's budget counts them).
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { transformSync } from 'esbuild';

const staging = process.env.TRUNK_STAGING_DIR;
// The directory of index.html (www/).
const source = process.env.TRUNK_SOURCE_DIR ?? path.join(process.cwd(), 'www');
if (!staging) throw new Error('post-build.mjs runs as a Trunk post_build hook (TRUNK_STAGING_DIR is not set)');
// A content hash for file names.
const hash = (...parts) => parts.reduce((h, p) => h.update(p), crypto.createHash('sha256')).digest('hex').slice(0, 16);
// Minified JavaScript (an ES module) or CSS. Names the module wasm-bindgen's glue exports stay.
const minify = (code, loader = 'js') => transformSync(code, { loader, minify: true, format: loader === 'js' ? 'esm' : undefined, legalComments: 'none' }).code;
const minifyFile = (file, loader) => fs.writeFileSync(file, minify(fs.readFileSync(file, 'utf8'), loader));
/** Says the Content-Security-Policy source that lets `text`, inline in index.html as
 * `what`, apply: README.md's policy has each (tests/e2e/hosting.test.mjs checks). */
const sayCspSource = (what, text) =>
  console.log(`post-build.mjs: ${what}'s Content-Security-Policy source: 'sha256-${crypto.createHash('sha256').update(text).digest('base64')}'`);
/** `code` as an inline <script> element. */
const inlineScript = (code) => {
  if (/<\/script|<!--/i.test(code)) throw new Error('post-build.mjs: an inline script would end its <script> element early');
  sayCspSource('an inline script', code);
  return `<script>${code}</script>`;
};

// 0. The content, copied and indexed. Every file of the author's is copied
// (folders named search/ or drawn/ included), but for hidden files and
// folders (.git, .docusaurus), node_modules, and papershelf's own names at
// the top: index.json and _papershelf/ (what `papershelf index` run in the
// folder itself wrote), which the index below writes anew.
const contentDir = path.resolve(process.env.PAPERSHELF_CONTENT || 'content');
if (!fs.existsSync(contentDir) || !fs.statSync(contentDir).isDirectory()) {
  throw new Error(`post-build.mjs: the content folder ${contentDir} does not exist (CONTENT=… names it)`);
}
const generated = new Set(['index.json', '_papershelf']);
const stagedContent = path.join(staging, 'content');
fs.rmSync(stagedContent, { recursive: true, force: true });
fs.cpSync(contentDir, stagedContent, {
  recursive: true,
  filter: (from) => {
    const rel = path.relative(contentDir, from);
    if (rel === '') return true;
    const parts = rel.split(path.sep);
    return !parts.some((p) => p.startsWith('.') || p === 'node_modules') && !(parts.length === 1 && generated.has(parts[0]));
  },
});
{
  const index = spawnSync('cargo', ['run', '--quiet', '--release', '-p', 'papershelf-cli', '--', 'index', contentDir, '--out', path.join(stagedContent, 'index.json')], { stdio: 'inherit' });
  if (index.status !== 0) throw new Error(`post-build.mjs: papershelf index ${contentDir} failed (status ${index.status}); see above`);
}

const htmlPath = path.join(staging, 'index.html');
let html = fs.readFileSync(htmlPath, 'utf8');
const loader = html.match(/<script type="module">\s*import init, \* as bindings from '\.\/([^']+\.js)';\s*const wasm = await init\(\{ module_or_path: '\.\/([^']+\.wasm)' \}\);[\s\S]*?<\/script>/);
if (!loader) throw new Error('post-build.mjs: Trunk\'s loader script was not found in index.html; check the Trunk version (0.21.14)');
const [inline, appJs, appWasm] = loader;

// The site's own name (the brand the app and the first views show, read from
// <meta name="application-name">), description and language.
const escapeHtml = (text) => String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const indexPath = path.join(staging, 'content', 'index.json');
const about = (() => {
  try {
    return JSON.parse(`${fs.readFileSync(indexPath, 'utf8').split('\n', 1)[0]}]}`).site ?? {};
  } catch (e) {
    return {}; // no index (yet), or not one `papershelf index` wrote: the defaults
  }
})();
const siteTitle = about.title || 'papershelf';
html = html.replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(siteTitle)}</title>\n  <meta name="application-name" content="${escapeHtml(siteTitle)}">`);
if (about.description) html = html.replace(/<meta name="description" content="[^"]*">/, `<meta name="description" content="${escapeHtml(about.description)}">`);
if (about.language) html = html.replace(/<html lang="[^"]*">/, `<html lang="${escapeHtml(about.language)}">`);
if (!html.includes('name="application-name"')) throw new Error('post-build.mjs: index.html has no <title> to name the site in');
const css = fs.readdirSync(staging).find((f) => /^style-[0-9a-f]+\.css$/.test(f));
if (!css) throw new Error('post-build.mjs: no hashed style-*.css in the build');

// A module Trunk built as an unhashed "worker": <name>.js + <name>_bg.wasm -> <name>-<hash>.*
const hashModule = (name) => {
  const jsIn = path.join(staging, `${name}.js`);
  const wasmIn = path.join(staging, `${name}_bg.wasm`);
  if (!fs.existsSync(jsIn) || !fs.existsSync(wasmIn)) throw new Error(`post-build.mjs: the module ${name} (${name}.js and _bg.wasm) is missing from the build`);
  const h = hash(fs.readFileSync(jsIn), fs.readFileSync(wasmIn));
  const js = `${name}-${h}.js`;
  const wasm = `${name}-${h}_bg.wasm`;
  const glue = fs.readFileSync(jsIn, 'utf8');
  if (!glue.includes(`'${name}_bg.wasm'`)) throw new Error(`post-build.mjs: the loader of ${name} does not name ${name}_bg.wasm; check the wasm-bindgen version`);
  fs.writeFileSync(path.join(staging, js), minify(glue.replaceAll(`'${name}_bg.wasm'`, `'${wasm}'`)));
  fs.renameSync(wasmIn, path.join(staging, wasm));
  fs.rmSync(jsIn);
  return { js, wasm };
};
// The reader counts against the first view's budget: in a release build it gets
// wasm-opt's passes run to a fixed point (Trunk runs them once), about 0.25 KB less.
if (process.env.TRUNK_PROFILE === 'release') {
  const wasm = path.join(staging, 'papershelf-reader_bg.wasm');
  const features = ['bulk-memory', 'nontrapping-float-to-int', 'sign-ext', 'mutable-globals', 'reference-types', 'multivalue'].map((f) => `--enable-${f}`);
  const run = spawnSync('wasm-opt', ['-Oz', '--converge', ...features, '-o', wasm, wasm], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`post-build.mjs: wasm-opt --converge failed on the reader (status ${run.status})`);
}
const math = hashModule('papershelf-math');
const search = hashModule('papershelf-search');
const reader = hashModule('papershelf-reader');
const lists = hashModule('papershelf-lists');

// The style sheet, minified, with its integrity hash in index.html made anew.
const cssPath = path.join(staging, css);
const sri = (bytes) => `sha384-${crypto.createHash('sha384').update(bytes).digest('base64')}`;
const cssIntegrity = `integrity="${sri(fs.readFileSync(cssPath))}"`;
minifyFile(cssPath, 'css');
if (html.includes(cssIntegrity)) {
  html = html.replace(cssIntegrity, `integrity="${sri(fs.readFileSync(cssPath))}"`);
} else if (html.includes('integrity=')) {
  throw new Error('post-build.mjs: index.html has an integrity hash that is not the style sheet\'s; check the Trunk version (0.21.14)');
}

// Trunk's preloads of the app: boot.js fetches the app itself, after a linked post is shown.
const preloads = [...html.matchAll(/<link rel="(?:modulepreload|preload)" href="\.\/([^"]+)"[^>]*>/g)];
for (const [link, file] of preloads) {
  if (file !== appJs && file !== appWasm) throw new Error(`post-build.mjs: unexpected preload of ${file} in index.html`);
  html = html.replace(link, '');
}

// The lists module draws the first view of the home page, the papers page and
// a linked post (from its drawing ahead), the pages most readers arrive on:
// asked for with the page, not once boot.js has run, one round trip less
// before the first screen. (A page it does not draw, such as the tags page,
// downloads it for nothing: 45 KB gzipped beside the app's 320.) Only on a
// first visit: they wait in a <template>, which www/first-visit.js (inline at
// the end of the page, below) adds to the page where no service worker is in
// control (`papershelf publish` adds a post page's drawing ahead to it).
//
// The style sheet is inline: no request (not even to the worker's cache)
// stands between the page and its first screen. Where a
// Content-Security-Policy refuses it (its hash not in style-src), the same
// sheet comes as a file: www/first-visit.js adds its <link> from a template.
const stylesheet = html.match(/<link rel="stylesheet" href="\.\/style-[0-9a-f]+\.css"[^>]*>/);
if (!stylesheet) throw new Error('post-build.mjs: index.html has no <link rel="stylesheet"> for the style sheet; check the Trunk version (0.21.14)');
const styleText = fs.readFileSync(cssPath, 'utf8').trim();
if (/<\/style/i.test(styleText)) throw new Error(`post-build.mjs: ${css} would end its inline <style> element early`);
sayCspSource('the inline style sheet', styleText);
html = html.replace(
  stylesheet[0],
  `<template id="papershelf-first-visit">
    <link rel="modulepreload" href="./${lists.js}" data-first-visit>
    <link rel="preload" as="fetch" href="./${lists.wasm}" crossorigin data-first-visit>
  </template>
  <style id="papershelf-style">${styleText}</style>
  <template id="papershelf-style-file">${stylesheet[0]}</template>`,
);

// A release build registers the service worker; `trunk serve` never does
// (a worker that caches during development is a trap).
const release = process.env.TRUNK_PROFILE === 'release';
const clientCode = minify(fs.readFileSync(path.join(source, 'client.js'), 'utf8').replace('__WORKER__', String(release)));
const client = `client-${hash(clientCode)}.js`;
fs.writeFileSync(path.join(staging, client), clientCode);

// The start of a post's first view (www/first-view.js), run twice over: in a
// release build, as a classic script at the end of index.html's <body>,
// which shows a post kept in localStorage while the page is parsed (no module
// fetched or compiled first: about 10 ms of a repeat visit's 60 on the bench
// machine); and as the start of the boot module, which goes on from it (and
// shows that post itself where the inline script did not run).
const firstView = fs.readFileSync(path.join(source, 'first-view.js'), 'utf8');

const boot = `// Starts papershelf; says what is wrong when it cannot.
const BUILD = import.meta.url;
${firstView}
const say = (text) => {
  let boot = document.getElementById('boot');
  if (!boot) {
    boot = document.createElement('p');
    boot.id = 'boot';
    boot.className = 'boot-message';
    document.body.prepend(boot);
  }
  boot.textContent = text;
  boot.setAttribute('role', 'alert');
};
// "Copy link" on a post and the link mark on each heading (crates/web/src/share.rs):
// a click copies the element's data-copy, says so beside it for 2 s and to
// screen readers; where the clipboard cannot be written, the link is shown
// selected, to copy by hand.
addEventListener('click', (e) => {
  const control = e.target instanceof Element ? e.target.closest('[data-copy]') : null;
  if (!control || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  const link = control.getAttribute('data-copy');
  const done = (ok) => {
    control.setAttribute('data-copied', ok ? 'Copied' : 'Not copied');
    setTimeout(() => control.removeAttribute('data-copied'), 2000);
    let status = document.getElementById('copy-status');
    if (!status) {
      status = document.createElement('p');
      status.id = 'copy-status';
      status.className = 'visually-hidden';
      status.setAttribute('role', 'status');
      document.body.append(status);
    }
    status.textContent = ok ? 'Link copied.' : 'The link could not be copied.';
    if (!ok) prompt('Copy this link:', link);
  };
  const byHand = () => {
    const area = document.createElement('textarea');
    area.value = link;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch (err) {
      ok = false;
    }
    area.remove();
    control.focus();
    done(ok);
  };
  if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(link).then(() => done(true), byHand);
  else byHand();
});
// The service worker is registered once the app has started (\`painted\`:
// after the first screen, and after the app's own files are in the HTTP
// cache, which the worker's precache then reads instead of downloading them
// again); www/client.js does it.
let painted;
globalThis.__papershelfStarted = new Promise((resolve) => {
  painted = resolve;
});
// Starts the app at once, when it is waiting for the reader (see below).
let wakeApp = null;
globalThis.__papershelfWake = () => wakeApp?.();
const client = () => import('./${client}').catch(() => {}); // offline reading is an extra
// Imports the math renderer; the app calls it the first time a post has math.
globalThis.__papershelfMath = globalThis.__papershelfMath || (() => import('./${math.js}').then(async (m) => { await m.default(); return m; }));
// Imports the search engine; the app calls it when the search box is first focused or a search opens.
globalThis.__papershelfSearch = globalThis.__papershelfSearch || (() => import('./${search.js}').then(async (m) => { await m.default(); return m; }));
// Early answers the app takes (api.rs) instead of asking again: the post the URL
// links to, read to the end as {status, text}, and the index as a Response (the
// app reads it as it streams in). Only plain paths are fetched early; the app
// checks every route itself anyway. Skipped where AbortSignal.timeout is
// missing: an early fetch must not wait forever.
const early = fetchesEarly ? (globalThis.__papershelfPrefetch = {}) : null;
const get = (url, read) => {
  if (!early) return;
  const answer = fetch(url, { cache: 'no-cache', signal: AbortSignal.timeout(10000) });
  early[url] = read ? answer.then((r) => r.text().then((text) => ({ status: r.status, text }))) : answer;
  early[url].catch(() => {}); // the app reports failures; an unused one is not an error
};
// The home page or the papers page with no filter: its first screen comes
// with the lists module from _papershelf/front.json (a few KB: the newest posts,
// the first paper cards and the tag counts); the whole index waits until
// that is shown.
const list = !postUrl && /^(#?\\/?|#\\/papers)$/.test(location.hash);

// Drawings kept in Cache Storage (up to DRAWN_MAX posts), beside the hot few in
// localStorage (first-view.js): this build's only (www/sw.js deletes them
// with the version).
const DRAWN = cacheName('drawn');
const DRAWN_MAX = 200;
const drawsKept = ${release} && keepsDrawn;
/** What was kept for the post at \`url\` ({url, text, title, html}), or null: asked of the
 * service worker (www/sw.js), which reaches Cache Storage faster than the page does. */
const drawnBefore = (url) =>
  drawsKept && navigator.serviceWorker?.controller
    ? fetch(drawnKey(url)).then((r) => (r.ok ? r.json() : null)).catch(() => null)
    : Promise.resolve(null);
// The page as it was before a first view was shown (before the inline script
// showed one, if it did): a view shown before its text was checked gives it
// back (see unshow).
const shownInline = globalThis.__papershelfHot;
const bootMessage = shownInline ? shownInline.boot : document.getElementById('boot');
const bootTitle = shownInline ? shownInline.title : document.title;
/** Shows \`kept\` if it was drawn from this very \`text\` of \`url\`; returns whether it did. */
const showDrawn = (kept, url, text) => kept.text === text && drawKept(kept, url);
/** Takes back a first view shown before its text was checked: the page is as it was. */
const unshow = () => {
  document.querySelector('[data-first-view]')?.remove();
  if (bootMessage && !bootMessage.isConnected) document.body.prepend(bootMessage);
  document.title = bootTitle;
};

// The few posts shown last are kept as drawn in localStorage too (HOT_MAX of
// them, HOT_CHARS characters in all, this build's only; first-view.js shows
// them). A drawing of other text gives way to the post drawn anew; one whose
// text cannot be had (offline, not saved) is taken back.
const HOT_MAX = 8;
const HOT_CHARS = 512 * 1024;
/** The hot drawings, oldest first: [{key, url, build, size}]. */
const hotList = () => {
  try {
    const list = JSON.parse(localStorage.getItem(HOT) || '[]');
    return Array.isArray(list) ? list.filter((entry) => entry && typeof entry.key === 'string') : [];
  } catch (e) {
    return [];
  }
};
/** Keeps \`kept\`, the first view of the post asked for as \`asked\`, as the newest hot drawing;
 * other builds' and then the oldest go, to make room. */
const keepHot = (asked, kept) => {
  try {
    const key = drawnKey(asked);
    const value = JSON.stringify(kept);
    if (value.length > HOT_CHARS) return;
    const list = [];
    for (const entry of hotList()) {
      if (entry.key === key) continue;
      if (entry.build === BUILD) list.push(entry);
      else localStorage.removeItem(hotKey(entry.key));
    }
    list.push({ key, url: kept.url, build: BUILD, size: value.length });
    let total = list.reduce((sum, entry) => sum + (Number(entry.size) || 0), 0);
    while (list.length > HOT_MAX || total > HOT_CHARS) {
      const oldest = list.shift();
      total -= Number(oldest.size) || 0;
      localStorage.removeItem(hotKey(oldest.key));
    }
    for (;;) {
      try {
        localStorage.setItem(hotKey(key), value);
        break;
      } catch (e) {
        // The origin's storage is full (other sites of a shared origin use it too): the oldest go first.
        if (list.length <= 1) throw e;
        localStorage.removeItem(hotKey(list.shift().key));
      }
    }
    localStorage.setItem(HOT, JSON.stringify(list));
  } catch (e) {
    // not kept here: Cache Storage has it
  }
};
/** Makes the hot drawing of the post asked for as \`asked\` the newest, as it is. */
const touchHot = (asked) => {
  try {
    const key = drawnKey(asked);
    const list = hotList();
    const at = list.findIndex((entry) => entry.key === key);
    if (at < 0 || at === list.length - 1) return;
    list.push(...list.splice(at, 1));
    localStorage.setItem(HOT, JSON.stringify(list));
  } catch (e) {
    // storage refused: the order stays
  }
};
/** Forgets the hot drawings of the post at \`path\` (in content/), or every one: the
 * worker found the post changed (www/client.js), or offline data was removed. */
globalThis.__papershelfForgetDrawn = (path) => {
  try {
    const list = hotList();
    const kept = list.filter((entry) => path !== undefined && entry.url !== \`content/\${path}\`);
    for (const entry of list) if (!kept.includes(entry)) localStorage.removeItem(hotKey(entry.key));
    localStorage.setItem(HOT, JSON.stringify(kept));
  } catch (e) {
    // storage refused: nothing was kept
  }
};
/** Keeps the first view the reader has just drawn of \`url\` (asked for as \`asked\`) from \`text\`. */
const keepDrawn = (asked, url, text) => {
  const view = document.querySelector('[data-first-view]');
  if (!drawsKept || !view) return;
  // Its style attributes as data-kept-style: drawKept sets them through CSSOM.
  const copy = view.cloneNode(true);
  for (const el of [copy, ...copy.querySelectorAll('[style]')]) {
    const css = el.getAttribute('style');
    if (css === null) continue;
    el.removeAttribute('style');
    el.setAttribute('data-kept-style', css);
  }
  const kept = { url, text, title: document.title, html: copy.outerHTML };
  setTimeout(async () => {
    keepHot(asked, kept);
    try {
      const cache = await caches.open(DRAWN);
      await cache.put(drawnKey(asked), new Response(JSON.stringify(kept), { headers: { 'content-type': 'application/json' } }));
      const keys = await cache.keys();
      for (const key of keys.slice(0, Math.max(0, keys.length - DRAWN_MAX))) await cache.delete(key);
    } catch (e) {
      // not kept: the reader draws it next time
    }
  }, 0);
};

// A post drawn here before: shown at once if it is hot, or asked for beside the post.
// (The inline script at the end of index.html has shown it already, if it ran.)
const hot = shownInline && shownInline.url === postUrl ? shownInline.kept : postUrl && drawsKept ? showHot(postUrl) : null;
/** Resolves once the page has been painted (or after 100 ms where frames are
 * not drawn, as in a background tab). */
const afterPaint = () =>
  new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, 100);
  });
// A hot drawing is painted first: the requests below and the rest of this
// script come after.
if (hot) await afterPaint();

// The requests of the first view, once a hot drawing is on the page (they
// would share the first milliseconds with it).
const front = list && early
  ? fetch('content/_papershelf/front.json', { cache: 'no-cache', signal: AbortSignal.timeout(10000) }).then((r) => (r.ok ? r.json() : null))
  : null;
front?.catch(() => {}); // not shown early: the app shows the list
if (postUrl) get(postUrl, true);
else if (!front) get('content/index.json', false);
if (mdxUrl) {
  early[mdxUrl] = early[postUrl].then((a) => (a.status === 404
    ? fetch(mdxUrl, { cache: 'no-cache', signal: AbortSignal.timeout(10000) }).then((r) => r.text().then((text) => ({ status: r.status, text })))
    : { status: 404, text: '' }));
  early[mdxUrl].catch(() => {});
}
// What the worker says before the client has loaded is kept for it (once the
// page has loaded, a message nobody listens to is lost).
if ('serviceWorker' in navigator) {
  globalThis.__papershelfMessages = [];
  globalThis.__papershelfEarly = (e) => globalThis.__papershelfMessages?.push(e.data || {});
  navigator.serviceWorker.addEventListener('message', globalThis.__papershelfEarly);
  navigator.serviceWorker.startMessages();
}
const drawn = hot ? Promise.resolve(hot) : postUrl ? drawnBefore(postUrl) : null;

// What \`papershelf index\` drew of the post ahead (content/_papershelf/drawn/<post>.json:
// its safe tree as data): the lists module draws it, without the reader's
// Markdown parser, if it was drawn from this very text (its content hash, as
// the service worker computes it, is the drawing's). Not where SubtleCrypto
// is missing (a page not served over HTTPS or from localhost): the reader
// draws the post there.
const drawsAhead = Boolean(postUrl && globalThis.crypto?.subtle);
let ahead = null;
/** The drawing ahead (or null), asked for once, when it is first wanted. */
const drawnAhead = () => {
  if (!ahead) {
    ahead = fetch(\`content/_papershelf/drawn/\${post.replace(/\\.mdx?$/, '')}.json\`).then((r) => (r.ok ? r.json() : null)).catch(() => null);
    // The post's first image (what a phone paints largest first), asked for
    // as soon as the drawing names it, beside the module that draws the post.
    ahead.then((drawing) => {
      const image = drawing?.image;
      if (typeof image !== 'string' || !image.startsWith('content/') || image.split('/').some((s) => s === '.' || s === '..')) return;
      const link = document.createElement('link');
      link.rel = 'preload';
      link.as = 'image';
      link.href = image;
      link.fetchPriority = 'high';
      document.head.append(link);
    });
  }
  return ahead;
};
// Asked for beside the post, unless a drawing kept here makes it needless
// (without a worker in control there is none: asked for at once).
if (drawsAhead) drawn.then((kept) => kept || drawnAhead());
/** The first 16 hex digits of the SHA-256 of \`text\` (as \`papershelf index\` hashes a post). */
const contentHash = async (text) =>
  [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))).slice(0, 8)]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');

// The app's wasm, once it is being fetched.
let appBytes = null;
// With a first view on screen, how long a quiet page waits before the app starts.
const QUIET_MS = 3000;
// With a post on screen, how long after its first images are decoded the app's bytes are fetched.
const PREFETCH_MS = 1000;
if (typeof WebAssembly !== 'object') {
  say('papershelf needs WebAssembly, which this browser does not have. Open the site in a current browser.');
} else {
  if (postUrl || front) {
    // A link to a post: the lists module (no Markdown parser: a fraction of
    // the reader's size) shows it first from its drawing ahead, or the reader
    // module (the core without the app, about half its size) from its text.
    // A list page: the lists module does. The app loads
    // after it and takes the page over. A post (or front) that has not
    // arrived within 2 s, or failed, is left to the app, which shows
    // progress, errors and retries.
    // The first view's modules (the reader, the lists), each loaded once, when it is needed.
    const files = { reader: ['./${reader.js}', './${reader.wasm}'], lists: ['./${lists.js}', './${lists.wasm}'] };
    const modules = {};
    const loadModule = (name) => {
      if (!modules[name]) {
        const [js, bytes] = files[name];
        const wasm = fetch(bytes);
        wasm.catch(() => {}); // reported by the import below
        modules[name] = import(js).then(async (m) => { await m.default({ module_or_path: wasm }); return m; });
        modules[name].catch(() => {}); // not shown early: the app shows the page
      }
      return modules[name];
    };
    const deadline = new Promise((resolve) => setTimeout(resolve, 2000, null));
    let shown = false;
    // How the first view was drawn ('kept', 'drawn ahead', 'reader', 'list'): the detail of its mark.
    let how = 'list';
    if (postUrl) {
      // A post drawn here before needs no module if its text is unchanged;
      // one drawn ahead needs the lists module; any other, the reader.
      const before = await Promise.race([drawn, new Promise((resolve) => setTimeout(resolve, 200, null))]);
      if (!before) loadModule(drawsAhead ? 'lists' : 'reader');
      let answer = await Promise.race([early[postUrl].catch(() => null), deadline]);
      let shownUrl = postUrl;
      if (answer && answer.status === 404 && mdxUrl) {
        answer = await Promise.race([early[mdxUrl].catch(() => null), deadline]);
        shownUrl = mdxUrl;
      }
      // The module that drew the post (the lists module for one shown as drawn before).
      let viewer = 'lists';
      // Longer posts are the app's (MAX_POST_BYTES in crates/reader-wasm; not copied in at all).
      if (answer && answer.status === 200 && answer.text.length <= 256 * 1024) {
        try {
          if (hot && hot.url === shownUrl && hot.text === answer.text) {
            // The hot drawing, shown at once, is of this very text (now the newest).
            shown = true;
            how = 'kept';
            setTimeout(() => touchHot(postUrl), 0);
          } else if (!hot && before !== null && showDrawn(before, shownUrl, answer.text)) {
            shown = true;
            how = 'kept';
            setTimeout(() => keepHot(postUrl, before), 0);
          } else {
            if (hot) {
              // Drawn from other text (the post changed since): drawn anew.
              unshow();
              globalThis.__papershelfForgetDrawn(hot.url.slice('content/'.length));
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
            if (shown) keepDrawn(postUrl, shownUrl, answer.text);
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
      // A hot drawing whose text could not be had (offline and not saved, or
      // longer than a first view takes) is not left showing: the app says why.
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
      // The page is on screen and complete: the app's start (compiling,
      // mounting, taking the page over: a few long tasks on a slow phone)
      // waits until the reader does something (a tap, a key, the focus, a
      // link followed), or the page has been quiet for QUIET_MS, so it never
      // competes with the page being read. Its bytes and the index download
      // once the first screen is painted, so a first tap only waits for the
      // start.
      if (postUrl) {
        // (The page has "loaded" before the first view's images are even asked
        // for: wait for those the reader sees first, then for a painted frame.)
        const firstImages = [...document.querySelectorAll('[data-first-view] img:not([loading="lazy"])')];
        await Promise.race([
          Promise.all(firstImages.map((img) => img.decode().catch(() => {}))),
          new Promise((resolve) => setTimeout(resolve, 5000)),
        ]);
        // Painting them can take a while longer (fonts for a script not yet
        // used): the download waits PREFETCH_MS more, so it never competes with it.
        await new Promise((resolve) => setTimeout(resolve, PREFETCH_MS));
        await new Promise((resolve) => (globalThis.requestIdleCallback ? requestIdleCallback(resolve, { timeout: 500 }) : setTimeout(resolve, 0)));
      } else {
        // A list: once it is painted.
        await afterPaint();
      }
      appBytes = fetch('./${appWasm}');
      appBytes.catch(() => {}); // reported by init below
      const preload = document.createElement('link');
      preload.rel = 'modulepreload';
      preload.href = './${appJs}';
      document.head.append(preload);
      get('content/index.json', false);
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
      get('content/index.json', false);
    }
  }
  try {
    // The wasm is asked for beside its glue, not after it: one round trip less.
    appBytes ??= fetch('./${appWasm}');
    appBytes.catch(() => {}); // reported by init below
    const { default: init } = await import('./${appJs}');
    await init({ module_or_path: appBytes });
    requestAnimationFrame(() => setTimeout(painted, 0));
    client();
  } catch (e) {
    const csp = /Content Security Policy|unsafe-eval|CompileError/i.test(String(e));
    say(csp
      ? "papershelf cannot start: this site's Content-Security-Policy does not allow WebAssembly. Add 'wasm-unsafe-eval' to its script-src."
      : \`papershelf could not start: \${e && e.message ? e.message : e}. Reload the page; if it keeps happening, the site may be half-deployed.\`);
  }
}
`;
const bootMin = minify(boot);
const bootName = `boot-${hash(bootMin)}.js`;
fs.writeFileSync(path.join(staging, bootName), bootMin);
html = html.replace(inline, `<script type="module" src="./${bootName}" id="papershelf-boot"></script>`);
// One classic script at the end of the page, run while it is parsed (one
// script: the parser may yield to other tasks after each). In a release
// build, first the start of a post's first view, which leaves what it did
// for the boot module: the post it looked for, the drawing it showed (or
// null), and the page as it was before. Then www/first-visit.js.
const firstViewInline = release
  ? `(() => {
const BUILD = document.getElementById('papershelf-boot')?.src;
${firstView}
if (postUrl && keepsDrawn) {
  const boot = document.getElementById('boot');
  const title = document.title;
  globalThis.__papershelfHot = { url: postUrl, kept: showHot(postUrl), boot, title };
}
})();`
  : '';
const endScript = minify(`${firstViewInline}\n${fs.readFileSync(path.join(source, 'first-visit.js'), 'utf8')}`).trim();
if (!html.includes('</body>')) throw new Error('post-build.mjs: index.html has no </body>');
html = html.replace('</body>', `${inlineScript(endScript)}\n</body>`);
fs.writeFileSync(htmlPath, html);

const embed = fs
  .readFileSync(path.join(source, 'embed.js'), 'utf8')
  .replaceAll('__APP_JS__', appJs)
  .replaceAll('__APP_WASM__', appWasm)
  .replaceAll('__APP_CSS__', css)
  .replaceAll('__MATH_JS__', math.js)
  .replaceAll('__SEARCH_JS__', search.js);
if (/__[A-Z_]+__/.test(embed)) throw new Error(`post-build.mjs: embed.js still has a placeholder: ${embed.match(/__[A-Z_]+__/)[0]}`);
fs.writeFileSync(path.join(staging, 'embed.js'), minify(embed));

// The app's glue.
minifyFile(path.join(staging, appJs));

// The web app manifest: installable from any sub-path (every URL relative).
const manifest = {
  id: './',
  start_url: './',
  scope: './',
  name: siteTitle,
  short_name: [...siteTitle].length <= 12 ? siteTitle : [...siteTitle].slice(0, 12).join(''),
  description: about.description || undefined,
  lang: about.language || undefined,
  display: 'standalone',
  // The light theme's page colour (www/style.css --bg); index.html names the dark one for the dark scheme.
  background_color: '#fbfbf9',
  theme_color: '#fbfbf9',
  icons: [
    { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
    { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
    { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
};
fs.writeFileSync(path.join(staging, 'manifest.webmanifest'), `${JSON.stringify(manifest, null, 2)}\n`);

// The service worker, with what it precaches and a version that changes with any of it.
const off = fs.readFileSync(path.join(source, 'sw-off.js'), 'utf8');
fs.writeFileSync(path.join(staging, 'sw-off.js'), off);
if (release) {
  const template = fs.readFileSync(path.join(source, 'sw.js'), 'utf8');
  const icons = manifest.icons.map((i) => i.src);
  for (const icon of icons) {
    if (!fs.existsSync(path.join(staging, icon))) throw new Error(`post-build.mjs: the icon ${icon} is missing from the build (www/icons, scripts/make-icons.py)`);
  }
  const appFiles = ['index.html', bootName, client, appJs, appWasm, reader.js, reader.wasm, lists.js, lists.wasm, css, 'manifest.webmanifest', ...icons];
  const version = hash(template, html, JSON.stringify(manifest), ...appFiles.slice(1).map((f) => fs.readFileSync(path.join(staging, f))));
  const worker = template.replace("'__VERSION__'", JSON.stringify(version)).replace('__APP_FILES__', JSON.stringify(appFiles));
  if (worker.includes('__')) throw new Error('post-build.mjs: sw.js still has a placeholder');
  fs.writeFileSync(path.join(staging, 'sw.js'), minify(worker));
} else {
  fs.writeFileSync(path.join(staging, 'sw.js'), off);
}
