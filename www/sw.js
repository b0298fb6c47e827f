// papershelf's service worker: offline reading and instant repeat visits.
//
// scripts/post-build.mjs writes it into a release build as sw.js, next to
// index.html, with VERSION (a hash of every app file) and APP_FILES filled
// in, so any change to the app changes this file and installs a new worker.
// The boot script registers it with a relative URL and scope, so it works
// under any sub-path; an embedded viewer never registers it.
//
// What it does with each request of its scope (anything else is left to the network):
// - the app's files (hashed names): from the cache, precached at install;
// - content/index.json (and the front, the search manifest, offline.json):
//   network first, the cached copy when the network fails;
// - a post (content/…/*.md, *.mdx): from the cache at once when it is
//   there; then, off the critical path (REVALIDATE_DELAY_MS later, once the
//   page has drawn it), the worker compares its content hash with the
//   index's, fetched anew for each page opened, and, if the post changed,
//   fetches it and tells the page {type: 'post-changed', path}, which shows
//   the new text. A post not cached comes from the network;
// - a post drawn ahead (content/_papershelf/drawn/…json): from the cache when
//   it is there (the first view uses it only for the very text it was drawn
//   from: www/boot/first-view.js), dropped when the post changes;
// - images: from the cache, kept up to IMAGE_CAP (oldest out first), or
//   from the "saved for offline" cache;
// - pages (navigations): network first, after NAVIGATION_TIMEOUT_MS the
//   cached copy or the cached app shell.
// Where the browser has static routes (addRoutes), the app's hashed files are
// answered from the cache by the browser, without this script, and pages
// race the network against this script.
// Never cached: a cross-origin or opaque answer, an error status, or an HTML
// page where a post should be (a host's "not found" page served as 200).
// A page is told {type: 'offline'} when an answer came from the cache
// because the network failed, {type: 'online'} when the network answered.
// scripts/post-build.mjs bundles it with the build's version (a hash of
// every app file) and the app's files, relative to the scope (precached at
// install).
import { version as VERSION, appFiles as APP_FILES } from 'papershelf:build';
import { contentHash } from './boot/hash.js';
import { cacheName } from './boot/scope.js';
import { contentUrl, drawingPath } from './boot/route.js';

const scope = new URL(self.registration.scope);
// Every cache name carries this worker's scope: sites that share an origin
// (GitHub Pages serves you.github.io/a/ and you.github.io/b/ from one) never
// read, replace or delete each other's caches. The pages name them the same
// way (www/boot/scope.js).
const NAME = cacheName(scope.pathname, '').trimEnd();
const APP = `${cacheName(scope.pathname, 'app')} ${VERSION}`;
// The index, the posts, the search index and the app's own pages, as last seen.
const CONTENT = `${NAME} content`;
// Images and files posts link to, seen while reading, capped.
const IMAGES = `${NAME} images`;
// "Save for offline": posts and images kept until "Remove offline data".
const SAVED = `${NAME} saved`;
// Posts as markup, which releases before this one kept: never read, removed
// at activation and with the rest of this scope's caches.
const DRAWN = `${NAME} drawn`;
// This scope's caches but the app's: what "Remove offline data" removes.
const OWN = [CONTENT, IMAGES, SAVED, DRAWN];
// At most this many images and files, and bytes of them, in IMAGES; the oldest go first.
const IMAGE_CAP = { count: 400, bytes: 80 * 1024 * 1024 };
// At most this many posts and drawings ahead, and bytes of them, in CONTENT
// (besides the index, the search index and the app's own pages); the oldest go first.
const POST_CAP = { count: 1000, bytes: 40 * 1024 * 1024 };
// At most this many of the app's own pages (a post's page, docs/<path>/) in CONTENT.
const PAGE_CAP = { count: 200, bytes: 20 * 1024 * 1024 };
// How long a page waits for the network before the cached copy is shown.
const NAVIGATION_TIMEOUT_MS = 3000;
// How long checking a cached post waits for the index being fetched.
const INDEX_WAIT_MS = 10000;
// How long after serving a cached post the worker checks it is current.
const REVALIDATE_DELAY_MS = 300;

const here = (path) => new URL(path, scope).href;
const INDEX = here('content/index.json');
const NETWORK_FIRST = new Set(['content/index.json', 'content/_papershelf/front.json', 'content/_papershelf/search/manifest.json', 'content/_papershelf/offline.json']);
const APP_SET = new Set(APP_FILES);
// Hashed files the app imports on demand (the math renderer, the search engine): cached on first use.
const HASHED = /^[\w.-]+-[0-9a-f]{16}(?:_bg)?\.(?:js|wasm|css)$/;
const IMAGE = /\.(?:png|jpe?g|gif|webp|avif|svg)$/i;
const POST = /^content\/.+\.mdx?$/;
const DRAWING = /^content\/_papershelf\/drawn\/.+\.json$/;
// The URL pattern of the pathname of `file` (relative to the scope), its special characters escaped.
const routePattern = (file) => (scope.pathname + file).replace(/[\\:*?+(){}]/g, '\\$&');

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      // Hashed files never change: the copies the page just downloaded serve.
      const app = await caches.open(APP);
      await app.addAll(APP_FILES.map((file) => new Request(here(file), { cache: file === 'index.html' ? 'no-cache' : 'default' })));
      // The list works offline from the first visit on.
      await adopt([INDEX, here('content/_papershelf/front.json')]);
    })(),
  );
  // Where the browser has static routes (Chrome 123 on), the app's hashed
  // files are answered from this version's cache by the browser itself,
  // without starting this script or running its fetch handler: the style
  // sheet and the boot script are what a repeat visit waits for first. A file
  // not in the cache (never, once installed) is fetched from the network.
  // Pages race the network against this script's fetch handler (network
  // first, then after NAVIGATION_TIMEOUT_MS the cached copy): when the
  // network answers, the page does not wait for this script to start and run
  // at all; when it fails or is slow, the handler's answer is taken.
  if (event.addRoutes) {
    const files = APP_FILES.filter((file) => HASHED.test(file)).map((file) => ({ urlPattern: new URLPattern({ pathname: routePattern(file) }) }));
    event.waitUntil(event.addRoutes([{ condition: { or: files }, source: { cacheName: APP } }]).catch(() => {
      // Not routed: the fetch handler answers them from the same cache.
    }));
    event.waitUntil(event.addRoutes([{ condition: { requestMode: 'navigate' }, source: 'race-network-and-fetch-handler' }]).catch(() => {
      // Not routed: the fetch handler answers pages alone.
    }));
  }
  // The first worker starts at once; a new version waits until the reader accepts it.
  if (!self.registration.active) self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      let upgraded = false;
      for (const key of await caches.keys()) {
        if (key.startsWith(`${NAME} app `) && key !== APP) {
          await caches.delete(key);
          upgraded = true;
        }
      }
      // Markup an older release kept: never shown again, so gone.
      if (upgraded) await caches.delete(DRAWN);
      // A page's request starts while the worker itself starts.
      if (self.registration.navigationPreload) await self.registration.navigationPreload.enable();
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  const message = event.data || {};
  if (message.type === 'skip-waiting') self.skipWaiting();
  else if (message.type === 'save') event.waitUntil(save(message, event.source));
  else if (message.type === 'remove') event.waitUntil(remove(event.source));
  else if (message.type === 'seen') event.waitUntil(track(adopt(message.urls || [])));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (!inScope(url)) return;
  let path = url.pathname.slice(scope.pathname.length);
  try {
    path = decodeURIComponent(path);
  } catch (e) {
    return;
  }
  const key = here(url.pathname.slice(scope.pathname.length));
  if (request.mode === 'navigate') event.respondWith(track(navigate(event, path, key)));
  else if (APP_SET.has(path) || HASHED.test(path)) event.respondWith(track(cacheFirst(event, APP, key)));
  else if (NETWORK_FIRST.has(path)) event.respondWith(track(networkFirst(event, key)));
  else if (POST.test(path)) event.respondWith(track(post(event, path.slice('content/'.length), key)));
  else if (DRAWING.test(path)) event.respondWith(track(drawing(event, key)));
  else if (path.startsWith('content/_papershelf/search/')) event.respondWith(track(cacheFirst(event, CONTENT, key)));
  else if (path.startsWith('content/') && IMAGE.test(path)) event.respondWith(track(image(event, key)));
});

// Drops the oldest entries of `cache` that `which(url)` selects until they are
// within `cap` ({count, bytes}); sizes come from x-papershelf-bytes (or the body).
async function trim(cache, which, cap) {
  const keys = (await cache.keys()).filter((k) => which(new URL(k.url))); // oldest first
  const sizes = await Promise.all(
    keys.map(async (k) => {
      const kept = await cache.match(k);
      return Number(kept?.headers.get('x-papershelf-bytes')) || (kept ? (await kept.clone().blob()).size : 0);
    }),
  );
  let count = keys.length;
  let bytes = sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; i < keys.length && (count > cap.count || bytes > cap.bytes); i += 1) {
    await cache.delete(keys[i]);
    count -= 1;
    bytes -= sizes[i];
  }
}
const inScope = (url) => url.origin === scope.origin && url.pathname.startsWith(scope.pathname);
const scopePath = (url) => {
  try {
    return decodeURIComponent(url.pathname.slice(scope.pathname.length));
  } catch (e) {
    return '';
  }
};
// Posts and their drawings ahead: capped together (POST_CAP).
const isKept = (url) => inScope(url) && (POST.test(scopePath(url)) || DRAWING.test(scopePath(url)));

// What this worker is doing for pages (answers and what it keeps behind
// them): "Remove offline data" waits for all of it, so nothing fetched before
// the removal is written after it.
const busy = new Set();
function track(promise) {
  busy.add(promise);
  promise.catch(() => {}).finally(() => busy.delete(promise));
  return promise;
}

// Tells the page that made `event` something: whether the network answered
// (a type), or an object.
async function tell(event, message) {
  const id = event.clientId || event.resultingClientId;
  const client = id && (await self.clients.get(id));
  if (client) client.postMessage(typeof message === 'string' ? { type: message } : message);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const offlineAnswer = () => new Response('', { status: 504, statusText: 'Not saved for offline reading' });
// An answer worth keeping: ours, complete, and not an error.
const keepable = (response) => response.ok && response.type === 'basic' && response.status === 200;
// A host's HTML page where a Markdown file should be (its "not found" page, often with status 200).
const isHtml = (response, text) =>
  /text\/html/i.test(response.headers.get('content-type') || '') || /^\s*<(?:!doctype html|html)/i.test(text.slice(0, 64));

// A post drawn ahead: the cached copy when there is one (the boot script
// uses a drawing only for the very text it was drawn from, and revalidate
// drops it when the post changes), else the network's, kept.
async function drawing(event, key) {
  const cache = await caches.open(CONTENT);
  const hit = await cache.match(key);
  if (hit) return hit;
  try {
    const response = await fetch(event.request);
    if (keepable(response)) event.waitUntil(track(keepDrawing(key, response.clone())));
    return response;
  } catch (e) {
    tell(event, 'offline');
    return offlineAnswer();
  }
}

async function cacheFirst(event, name, key) {
  const cache = await caches.open(name);
  const hit = await cache.match(key);
  if (hit) return hit;
  try {
    const response = await fetch(event.request);
    if (keepable(response)) await cache.put(key, response.clone());
    return response;
  } catch (e) {
    tell(event, 'offline');
    return offlineAnswer();
  }
}

// The newest index seen: each post's content hash, by its path in content/.
let hashes = null;
// The index being fetched, while it is.
let indexing = null;
// The page (client id) the index was last fetched for: a page opened since
// fetches it again. (Not reset by navigations: where pages race the network
// against this script, the browser may never give this script a navigation.)
let indexFor = null;

function learn(text) {
  try {
    const map = new Map();
    for (const post of JSON.parse(text).posts || []) if (post.hash) map.set(post.path, post.hash);
    hashes = map;
  } catch (e) {
    // Not an index this worker reads: posts are then fetched.
  }
}

async function networkFirst(event, key, request = event.request) {
  const cache = await caches.open(CONTENT);
  try {
    // This page's post check fetched the index a moment ago, or is fetching
    // it (see revalidate): that answer is this one.
    if (key === INDEX) {
      if (indexing) await indexing;
      const fresh = indexFor && indexFor === event.clientId && (await cache.match(key));
      if (fresh) {
        tell(event, 'online');
        return fresh;
      }
    }
    const response = await fetch(request);
    await keepJson(key, response.clone(), event.clientId);
    tell(event, 'online');
    return response;
  } catch (e) {
    tell(event, 'offline');
    return (await cache.match(key)) || offlineAnswer();
  }
}

// Keeps a JSON answer (the index, its front, the search manifest,
// offline.json) unless it is an HTML page where JSON should be; the index is
// also read for its hashes. Returns whether it was kept.
async function keepJson(key, response, client = null) {
  if (!keepable(response)) return false;
  const text = await response.clone().text();
  if (/^\s*</.test(text)) return false;
  await (await caches.open(CONTENT)).put(key, response);
  if (key === INDEX) {
    learn(text);
    indexFor = client;
  }
  return true;
}

// Keeps a post's drawing ahead with its size, within POST_CAP (with the posts).
async function keepDrawing(key, response) {
  const bytes = await response.arrayBuffer();
  const content = await caches.open(CONTENT);
  await content.put(key, new Response(bytes, { headers: { 'content-type': 'application/json', 'x-papershelf-bytes': String(bytes.byteLength) } }));
  await trim(content, isKept, POST_CAP);
}

// Fetches the index, so that the posts served from the cache can be checked;
// the page's own request for the index, while this one is under way, gets
// its answer from the cache instead of asking again.
function refreshIndex(client) {
  const run = fetch(INDEX, { cache: 'no-cache' })
    .then((response) => keepJson(INDEX, response, client))
    .catch(() => false);
  indexing = run;
  // Only while it is under way: which page it was for says the rest (indexFor).
  run.finally(() => {
    if (indexing === run) indexing = null;
  });
  return run;
}

async function currentHashes() {
  if (indexing) await Promise.race([indexing, sleep(INDEX_WAIT_MS)]);
  if (!hashes) {
    const cached = await caches.match(INDEX, { cacheName: CONTENT });
    if (cached) learn(await cached.text());
  }
  return hashes || new Map();
}

async function post(event, path, key) {
  const cached = (await caches.match(key, { cacheName: CONTENT })) || (await caches.match(key, { cacheName: SAVED }));
  if (cached) {
    event.waitUntil(track(revalidate(event, path, key, cached.headers.get('x-papershelf-hash'))));
    return cached;
  }
  try {
    const response = await fetch(event.request);
    if (keepable(response) && (await keepPost(key, response.clone()))) event.waitUntil(track(keepFilesOf(path)));
    tell(event, 'online');
    return response;
  } catch (e) {
    tell(event, 'offline');
    return offlineAnswer();
  }
}

// Keeps a post with its content hash (not an HTML page where it should be);
// returns the hash, or null when it was not kept.
async function keepPost(key, response) {
  const bytes = await response.arrayBuffer();
  if (isHtml(response, new TextDecoder().decode(bytes.slice(0, 64)))) return null;
  const hash = await contentHash(bytes);
  const headers = { 'content-type': response.headers.get('content-type') || 'text/markdown; charset=utf-8', 'x-papershelf-hash': hash, 'x-papershelf-bytes': String(bytes.byteLength) };
  const content = await caches.open(CONTENT);
  await content.put(key, new Response(bytes, { headers }));
  await trim(content, isKept, POST_CAP);
  const saved = await caches.open(SAVED);
  if (await saved.match(key)) await saved.put(key, new Response(bytes, { headers }));
  return hash;
}

// After a cached post was served: if the newest index gives it another
// hash, fetches it, keeps it, and tells the page it changed.
async function revalidate(event, path, key, had) {
  await sleep(REVALIDATE_DELAY_MS);
  // The index as of this page: fetched once per page opened.
  const client = event.clientId || event.resultingClientId;
  if (indexing) await indexing;
  if (!client || indexFor !== client) await refreshIndex(client);
  const want = (await currentHashes()).get(path);
  if (!want || want === had) return;
  try {
    const response = await fetch(key, { cache: 'no-cache' });
    if (!keepable(response)) return;
    const hash = await keepPost(key, response);
    if (hash && hash !== had) {
      // Its drawing ahead is of the old text: fetched anew when next asked for.
      await (await caches.open(CONTENT)).delete(here(contentUrl(drawingPath(path))));
      tell(event, { type: 'post-changed', path });
    }
  } catch (e) {
    // Offline: the cached copy stays until the network is back.
  }
}

async function image(event, key) {
  const hit = (await caches.match(key, { cacheName: IMAGES })) || (await caches.match(key, { cacheName: SAVED }));
  if (hit) return hit;
  try {
    const response = await fetch(event.request);
    if (keepable(response)) event.waitUntil(track(keepImage(key, response.clone())));
    return response;
  } catch (e) {
    tell(event, 'offline');
    return offlineAnswer();
  }
}

// Keeps an image (or another file a post links to), then drops the oldest
// until the cache is within IMAGE_CAP.
async function keepImage(key, response) {
  const body = await response.blob();
  const cache = await caches.open(IMAGES);
  await cache.put(key, new Response(body, { headers: { 'content-type': response.headers.get('content-type') || body.type, 'x-papershelf-bytes': String(body.size) } }));
  await trim(cache, () => true, IMAGE_CAP);
}

// What each post links to (content/_papershelf/offline.json: its images and
// files), read once per worker start and again when a post is not listed.
let listed = null;
async function filesOf(path) {
  if (!listed || !listed[path]) {
    try {
      const response = await fetch(here('content/_papershelf/offline.json'), { cache: 'no-cache' });
      if (keepable(response)) listed = (await response.json()).posts || {};
    } catch (e) {
      // offline: what was read before, if anything
    }
  }
  return (listed && listed[path]?.files) || [];
}

// A post kept is kept whole: its images (those below the fold too, which the
// reader may never have scrolled to) and the files it links to, within IMAGE_CAP.
async function keepFilesOf(path) {
  for (const file of await filesOf(path)) {
    const key = here(`content/${file}`);
    try {
      if ((await caches.match(key, { cacheName: IMAGES })) || (await caches.match(key, { cacheName: SAVED }))) continue;
      const response = await fetch(key);
      if (keepable(response)) await keepImage(key, response);
    } catch (e) {
      // not kept: fetched when it is shown
    }
  }
}

// Keeps what the page fetched before this worker controlled it (the first
// visit's post and images, the index), as if it had come through the worker.
// The fetches are answered by the browser's HTTP cache where they can be.
async function adopt(urls) {
  for (const url of urls) {
    try {
      const u = new URL(url);
      if (!inScope(u)) continue;
      const path = scopePath(u);
      const key = here(u.pathname.slice(scope.pathname.length));
      if (NETWORK_FIRST.has(path)) {
        await keepJson(key, await fetch(key, { cache: 'no-cache' }));
      } else if (POST.test(path)) {
        if (!(await caches.match(key, { cacheName: CONTENT }))) {
          const response = await fetch(key);
          if (!keepable(response) || !(await keepPost(key, response))) continue;
        }
        await keepFilesOf(path.slice('content/'.length));
      } else if (DRAWING.test(path)) {
        if (await caches.match(key, { cacheName: CONTENT })) continue;
        const response = await fetch(key);
        if (keepable(response)) await keepDrawing(key, response);
      } else if (path.startsWith('content/') && IMAGE.test(path)) {
        if (await caches.match(key, { cacheName: IMAGES })) continue;
        const response = await fetch(key);
        if (keepable(response)) await keepImage(key, response);
      }
    } catch (e) {
      // Not kept: it is fetched again when needed.
    }
  }
}

// Keeps a page the network gave: the app's own post and paper pages in CONTENT (capped),
// a file in content/ opened from a post with the images and files.
async function keepPage(key, path, response) {
  if (/text\/html/i.test(response.headers.get('content-type') || '')) {
    const text = await response.text();
    if (!/<meta name="papershelf-(post|paper)"/.test(text)) return;
    const content = await caches.open(CONTENT);
    await content.put(key, new Response(text, { headers: { 'content-type': 'text/html; charset=utf-8', 'x-papershelf-bytes': String(text.length), 'x-papershelf-page': '1' } }));
    await trim(content, (url) => inScope(url) && !POST.test(scopePath(url)) && !NETWORK_FIRST.has(scopePath(url)) && !scopePath(url).startsWith('content/'), PAGE_CAP);
  } else if (path.startsWith('content/') && !POST.test(path)) {
    await keepImage(key, response);
  }
}

async function navigate(event, path, key) {
  // The app shell of this version for the site's root; a page seen before for a post page.
  const root = path === '' || path === 'index.html';
  const fallback = async () => {
    const cache = await caches.open(CONTENT);
    if (root) return (await caches.match(here('index.html'), { cacheName: APP })) || cache.match(key);
    const page = (await cache.match(key)) || (await caches.match(key, { cacheName: IMAGES })) || (await caches.match(key, { cacheName: SAVED }));
    if (page) return page;
    // A post page never opened: the shell, its files found from the root.
    const shell = await caches.match(here('index.html'), { cacheName: APP });
    if (!shell) return null;
    // The <base> goes after the charset, which must stay within the first 1024 bytes.
    const text = await shell.text();
    const base = `<base href="${scope.href}">`;
    const html = /<meta charset[^>]*>/i.test(text) ? text.replace(/<meta charset[^>]*>/i, (m) => m + base) : text.replace('<head>', `<head>${base}`);
    return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } });
  };
  const preloaded = event.preloadResponse ? Promise.resolve(event.preloadResponse).catch(() => null) : Promise.resolve(null);
  const network = preloaded.then((r) => r || fetch(event.request)).then((response) => {
    // A post page is kept for reading offline, off the page's critical path;
    // only the app's own pages (they name their post), never a PDF or another
    // page of the host opened from a post; a file in content/ goes with the
    // capped images and files.
    if (keepable(response) && !root) {
      const copy = response.clone();
      event.waitUntil(track(keepPage(key, path, copy)));
    }
    return response;
  });
  try {
    const first = await Promise.race([network, sleep(NAVIGATION_TIMEOUT_MS).then(() => null)]);
    if (first) return first;
    return (await fallback()) || (await network);
  } catch (e) {
    return (await fallback()) || Response.error();
  }
}

// "Save for offline": fetches every post named in `message.posts` (paths in
// content/) and every file `content/_papershelf/offline.json` lists for it into SAVED,
// telling `client` {type: 'save-progress', done, total} as it goes and
// {type: 'saved', posts, failed} at the end.
async function save(message, client) {
  const say = (data) => client && client.postMessage(data);
  const saved = await caches.open(SAVED);
  let listed = {};
  try {
    const response = await fetch(here('content/_papershelf/offline.json'), { cache: 'no-cache' });
    listed = (await response.json()).posts || {};
  } catch (e) {
    say({ type: 'saved', posts: 0, failed: message.posts.length, error: 'content/_papershelf/offline.json could not be read' });
    return;
  }
  const hashes = await currentHashes();
  const total = message.posts.length;
  let done = 0;
  let failed = 0;
  for (const path of message.posts) {
    try {
      const postKey = here(`content/${path}`);
      const response = await fetch(postKey, { cache: 'no-cache' });
      if (!keepable(response)) throw new Error(String(response.status));
      const bytes = await response.arrayBuffer();
      const headers = { 'content-type': response.headers.get('content-type') || 'text/markdown; charset=utf-8', 'x-papershelf-hash': hashes.get(path) || (await contentHash(bytes)) };
      await saved.put(postKey, new Response(bytes, { headers }));
      for (const file of listed[path]?.files || []) {
        const fileKey = here(`content/${file}`);
        if (await saved.match(fileKey)) continue;
        const asset = await fetch(fileKey);
        if (keepable(asset)) await saved.put(fileKey, asset);
      }
    } catch (e) {
      failed += 1;
    }
    done += 1;
    say({ type: 'save-progress', done, total });
  }
  say({ type: 'saved', posts: total - failed, failed });
}

// "Remove offline data": this scope's caches but the app's own (never
// another site's, nor another app's, on the same origin).
async function remove(client) {
  await Promise.allSettled([...busy]);
  for (const name of OWN) await caches.delete(name);
  hashes = null;
  if (client) client.postMessage({ type: 'removed' });
}
