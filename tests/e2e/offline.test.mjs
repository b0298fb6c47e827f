// Offline reading (www/sw.js, registered by the boot script): what was seen
// still works with the server gone, new and edited posts show at once when it
// is back, a new release is offered and reloads once, "Save for offline"
// keeps every post, the image cache stays within its cap, and the site is
// installable under a sub-path. The network is taken away by stopping the
// server (Playwright's setOffline does not reach a service worker's fetches).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { serve, launch, newPage, copyDist, appShown, root, shots, siteTitle, firstViewDrawnBy, waitUntil, siteWords } from './harness.mjs';

// The app's own words, by key (the sample site speaks Korean).
const w = siteWords();

const PREFIX = '/shelf/';
const bin = path.join(root, 'target', 'release', 'papershelf');

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** A copy of dist/ served under a sub-path; `stop()` and `start()` take the server away and back on the same port. */
async function site() {
  const dir = copyDist();
  let server = await serve(dir, { prefix: PREFIX });
  const port = Number(new URL(server.base).port);
  return {
    dir,
    base: server.base,
    stop: () => server.close(),
    start: async () => {
      server = await serve(dir, { prefix: PREFIX, port });
    },
    close: async () => {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Posts of the built site, newest first, with their files (offline.json). */
function posts(dir) {
  const index = JSON.parse(fs.readFileSync(path.join(dir, 'content', 'index.json'), 'utf8'));
  const offline = JSON.parse(fs.readFileSync(path.join(dir, 'content', '_papershelf', 'offline.json'), 'utf8'));
  return index.posts.map((p) => ({ ...p, stem: p.path.replace(/\.mdx?$/, ''), files: offline.posts[p.path].files }));
}

/** Waits until a service worker controls the page. */
const controlled = (page) => page.waitForFunction(() => Boolean(navigator.serviceWorker.controller));

/** Opens a post by its hash route and waits until it and every image in it are shown. */
async function read(page, post) {
  await page.evaluate((hash) => {
    location.hash = hash;
  }, `#/post/${post.stem}`);
  await page.locator('h1.post-title', { hasText: post.title }).waitFor();
  for (const img of await page.locator('.post-body img').all()) {
    await img.scrollIntoViewIfNeeded();
    await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle());
  }
}

/** What a cache of the page's origin holds, as paths under the site. */
const cached = (page, name) =>
  page.evaluate(async (cacheName) => {
    if (!(await caches.has(cacheName))) return [];
    const cache = await caches.open(cacheName);
    return (await cache.keys()).map((r) => decodeURIComponent(new URL(r.url).pathname));
  }, name);

test('with the server gone, the list, filtering, the papers page and the posts read before still show, with their images; another post says it is not saved', async () => {
  const s = await site();
  try {
    const all = posts(s.dir);
    const withImages = all.filter((p) => p.files.some((f) => f.endsWith('.png')));
    const [one, two] = withImages;
    const third = all.find((p) => p !== one && p !== two);
    const page = await newPage(browser, { width: 390, height: 800, serviceWorkers: 'allow' });
    await page.goto(s.base);
    await page.locator('.post-item').first().waitFor();
    await controlled(page);
    await read(page, one);
    await read(page, two);
    // The worker keeps an image after answering with it: wait until both posts' are kept.
    const images = [...one.files, ...two.files].filter((f) => f.endsWith('.png')).map((f) => `${PREFIX}content/${f}`);
    await waitUntil(page, async (want) => {
      const kept = (await (await caches.open('papershelf /shelf/ images')).keys()).map((r) => decodeURIComponent(new URL(r.url).pathname));
      return want.every((url) => kept.includes(url));
    }, images);

    await s.stop();
    await page.evaluate(() => {
      location.hash = '#/';
    });
    await page.reload();
    await page.locator('.post-item').first().waitFor();
    // The first view and the app overlap for a moment at the takeover: count after it.
    await appShown(page);
    assert.equal(await page.locator('.post-item').count(), Math.min(all.length, 30));
    await page.locator('#offline-notice', { hasText: w.get('offline.now') }).waitFor();
    // Filtering works from the saved index.
    await page.locator('.facet').first().click();
    await page.locator('.chip').first().waitFor();
    await page.evaluate(() => {
      location.hash = '#/papers';
    });
    await page.locator('.paper-card').first().waitFor();
    await page.evaluate(() => {
      location.hash = '#/tags';
    });
    await page.locator('.tag-table').waitFor();
    for (const post of [one, two]) await read(page, post);
    await page.screenshot({ path: path.join(shots, 'offline-post-390.png') });
    // A post never opened: says so, and offers to try again.
    await page.evaluate((hash) => {
      location.hash = hash;
    }, `#/post/${third.stem}`);
    const error = page.locator('.error-box');
    await error.waitFor();
    assert.ok((await error.textContent()).includes(w.get('error.offline').split('{url}')[1].slice(0, 12)));
    assert.equal(await error.locator('button.retry').count(), 1);
    // Back online, the same button shows it.
    await s.start();
    await error.locator('button.retry').click();
    await page.locator('h1.post-title', { hasText: third.title }).waitFor();
    page.assertClean();
    await page.context().close();
  } finally {
    await s.close();
  }
});

test('a first visit that reads one post at once keeps it whole: offline, the reload shows it with every image, those never scrolled to included', async () => {
  const s = await site();
  try {
    // The post with the most images: those below the fold are lazy, never fetched unscrolled.
    const post = posts(s.dir).reduce((a, b) => (b.files.filter((f) => f.endsWith('.png')).length > a.files.filter((f) => f.endsWith('.png')).length ? b : a));
    const images = post.files.filter((f) => f.endsWith('.png'));
    assert.ok(images.length >= 2, `${post.path} has images below the fold`);
    // A fresh profile, the post opened straight away: read before any worker
    // controls the page. The page itself never gets the images (as if they
    // were below the fold and never scrolled to): the worker must fetch them.
    const page = await newPage(browser, { width: 390, height: 700, serviceWorkers: 'allow' });
    await page.route(/\.png$/, (route) => route.abort());
    await page.goto(`${s.base}#/post/${post.stem}`);
    await page.locator('h1.post-title', { hasText: post.title }).waitFor();
    await controlled(page);
    const unscrolled = await page.evaluate(() => [...document.querySelectorAll('.post-body img')].filter((img) => !img.complete || img.naturalWidth === 0).length);
    assert.ok(unscrolled >= 2, `${unscrolled} images were never loaded by the page`);
    await page.unroute(/\.png$/);
    // The worker is handed the post and keeps its every file.
    const want = [post.path, ...images].map((f) => `${PREFIX}content/${f}`);
    await waitUntil(page, async (urls) => {
      const kept = [];
      for (const name of await caches.keys()) {
        if (!name.startsWith('papershelf /shelf/ ')) continue;
        for (const r of await (await caches.open(name)).keys()) kept.push(decodeURIComponent(new URL(r.url).pathname));
      }
      return urls.every((u) => kept.includes(u));
    }, want);

    await s.stop();
    await page.reload();
    await page.locator('h1.post-title', { hasText: post.title }).waitFor();
    await appShown(page);
    for (const img of await page.locator('.post-body img').all()) {
      await img.scrollIntoViewIfNeeded();
      await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle());
    }
    console.log(`# kept whole: ${images.length} images, ${unscrolled} of them not loaded before going offline`);
    page.assertClean();
    await page.context().close();
  } finally {
    await s.close();
  }
});

test('a new post appears and an edited post shows its edit on the next load, with no prompt', async () => {
  const s = await site();
  try {
    const page = await newPage(browser, { serviceWorkers: 'allow' });
    await page.goto(s.base);
    await page.locator('.post-item').first().waitFor();
    await controlled(page);
    const [first] = posts(s.dir);
    await read(page, first);
    assert.ok((await cached(page, 'papershelf /shelf/ content')).includes(`${PREFIX}content/${first.path}`), 'the post is kept');

    // A deploy: one post edited, one added, the index written again.
    const content = path.join(s.dir, 'content');
    fs.appendFileSync(path.join(content, first.path), '\nAn edit made after the post was saved.\n');
    fs.mkdirSync(path.join(content, 'papers', 'y2026', 'jan'), { recursive: true });
    fs.writeFileSync(path.join(content, 'papers', 'y2026', 'jan', '20260105.md'), '---\ntitle: A post deployed later\ndate: 2026-01-05\n---\n\nNew.\n');
    execFileSync(bin, ['index', content], { stdio: 'pipe' });

    await page.goto(s.base);
    await page.locator('.post-item a', { hasText: 'A post deployed later' }).waitFor();
    await page.goto(`${s.base}#/post/${first.stem}`);
    await page.locator('.post-body', { hasText: 'An edit made after the post was saved.' }).waitFor();
    // Edited again, and the page loaded afresh on the post: the first view may
    // show the cached copy for a moment; the new text replaces it.
    fs.appendFileSync(path.join(content, first.path), '\nA second edit.\n');
    execFileSync(bin, ['index', content], { stdio: 'pipe' });
    await page.reload();
    await page.locator('.post-body', { hasText: 'A second edit.' }).waitFor();
    await appShown(page);
    assert.equal(await page.locator('.post-body', { hasText: 'A second edit.' }).count(), 1);
    assert.equal(await page.locator('#update-notice').count(), 0, 'no prompt for new content');
    // The worker dropped the drawing of the old text with it: the next load
    // draws the new text first (from the new drawing), never the old.
    await page.goto('about:blank');
    await page.goto(`${s.base}#/post/${first.stem}`);
    assert.equal(await firstViewDrawnBy(page), 'drawn ahead');
    assert.equal(await page.locator('[data-first-view] .post-body', { hasText: 'A second edit.' }).count(), 1, 'the first view is of the new text');
    page.assertClean();
    await page.context().close();
  } finally {
    await s.close();
  }
});

/** Changes the drawing ahead of the post at `url` that the worker keeps: `change(drawing)` is kept instead. */
const plant = (page, url, change) =>
  page.evaluate(
    async ({ url, change }) => {
      const cache = await caches.open('papershelf /shelf/ content');
      const drawing = await (await cache.match(url)).json();
      const changed = new Function('drawing', `return (${change})(drawing)`)(drawing);
      await cache.put(url, new Response(JSON.stringify(changed), { headers: { 'content-type': 'application/json' } }));
    },
    { url, change: change.toString() },
  );

test('a post loaded before is drawn again from its drawing ahead, kept by the worker; a drawing of other text, or off the allow-list, is never shown', async () => {
  const s = await site();
  try {
    const [post] = posts(s.dir).filter((p) => p.files.some((f) => f.endsWith('.png')));
    const drawingUrl = new URL(`content/_papershelf/drawn/${post.stem}.json`, s.base).href;
    const page = await newPage(browser, { serviceWorkers: 'allow' });
    await page.goto(`${s.base}#/post/${post.stem}`);
    const view = page.locator('[data-first-view]');
    await view.locator('h1.post-title').waitFor();
    const drawn = await view.evaluate((el) => el.outerHTML);
    const how = () => firstViewDrawnBy(page);
    assert.equal(await how(), 'drawn ahead', 'the lists module drew it the first time');
    await controlled(page);
    await waitUntil(page, async (url) => Boolean(await (await caches.open('papershelf /shelf/ content')).match(url)), drawingUrl);

    // Loaded again: the same first view, started by the inline script, the
    // post and its drawing answered by the worker, the app's files by the
    // browser from the worker's cache (its static routes).
    await page.reload();
    await view.locator('h1.post-title').waitFor();
    assert.equal(await view.evaluate((el) => el.outerHTML), drawn);
    assert.equal(await page.title(), `${post.title} · ${siteTitle()}`);
    assert.equal(await how(), 'drawn ahead');
    assert.equal(await page.evaluate(() => globalThis.__papershelf.view.by), 'inline script');
    const timing = await page.evaluate(() => ({
      sources: performance.getEntriesByType('resource').filter((e) => /\/(boot|papershelf-lists)-[0-9a-f]{16}(_bg\.wasm|\.js)$/.test(e.name)).map((e) => e.workerFinalSourceType),
      styleFiles: performance.getEntriesByType('resource').filter((e) => /\.css$/.test(e.name)).length,
      page: ['workerMatchedSourceType', 'workerFinalSourceType'].map((k) => performance.getEntriesByType('navigation')[0][k]),
      firstVisitLinks: document.querySelectorAll('link[data-first-visit]').length,
    }));
    assert.deepEqual(timing.sources, ['cache', 'cache', 'cache'], 'the boot script and the lists module come from the cache by static route');
    assert.equal(timing.styleFiles, 0, 'the style sheet is inline');
    assert.deepEqual(timing.page, ['race-network-and-fetch-handler', 'network'], "the page raced the network against the worker's script; the network answered");
    assert.equal(timing.firstVisitLinks, 0, "a first visit's preloads stay in their template");
    // The app takes it over.
    await page.locator('h1.post-title').click();
    await appShown(page);
    await page.locator('.papershelf h1.post-title', { hasText: post.title }).waitFor();

    // A drawing kept of other text (as if the post had changed) is not shown: the app draws the post.
    await plant(page, drawingUrl, (d) => ({ ...d, hash: '0000000000000000', post: { ...d.post, title: 'Not this text' } }));
    await page.reload();
    await appShown(page);
    await page.locator('.papershelf h1.post-title', { hasText: post.title }).waitFor();
    assert.equal(await page.evaluate(() => performance.getEntriesByName('papershelf:first-view').length), 0, 'no first view');
    assert.equal(await page.getByText('Not this text').count(), 0);

    // Nor is one holding what the allow-list never emits (written by other code of the same origin).
    await plant(page, drawingUrl, (d) => ({ ...d, body: [['img', ['src', { kind: 'external', url: 'data:,' }, 'onerror', 'window.__ran = 1']], ...d.body] }));
    await page.reload();
    await appShown(page);
    assert.equal(await page.evaluate(() => performance.getEntriesByName('papershelf:first-view').length), 0, 'no first view');
    assert.equal(await page.evaluate(() => window.__ran), undefined, 'nothing in it ran');

    // Its text gone from the worker's cache and the server gone: no first
    // view; the app says the post is not saved.
    await page.evaluate(async (url) => {
      for (const name of await caches.keys()) if (!name.startsWith('papershelf /shelf/ app ')) await (await caches.open(name)).delete(url);
    }, new URL(`content/${post.path}`, s.base).href);
    await s.stop();
    await page.reload();
    await page.locator('.error-box', { hasText: w.get('error.offline').split('{url}')[1].slice(0, 12) }).waitFor();
    assert.equal(await page.evaluate(() => performance.getEntriesByType('navigation')[0].workerFinalSourceType), 'fetch-event', "offline, the worker's script answered the page");
    assert.equal(await page.locator('[data-first-view]').count(), 0);
    await s.start();
    page.assertClean();
    await page.context().close();
  } finally {
    await s.close();
  }
});

test('a new release installs in the background; its notice reloads the page once, when accepted', async () => {
  const s = await site();
  try {
    const page = await newPage(browser, { serviceWorkers: 'allow' });
    await page.goto(s.base);
    await page.locator('.post-item').first().waitFor();
    await controlled(page);
    // A new build: another worker (its version differs).
    const worker = path.join(s.dir, 'sw.js');
    const text = fs.readFileSync(worker, 'utf8');
    const version = /"([0-9a-f]{16})"/.exec(text)[1];
    fs.writeFileSync(worker, text.replace(version, 'f'.repeat(16)));
    await page.reload();
    const notice = page.locator('#update-notice');
    await notice.waitFor();
    assert.ok((await notice.textContent()).includes(w.get('update')));
    let loads = 0;
    page.on('load', () => {
      loads += 1;
    });
    // Waited for from before the click: the reload may be over before the click returns.
    const reloaded = page.waitForEvent('load');
    await notice.getByRole('button', { name: w.get('update.reload') }).click();
    await reloaded;
    await page.locator('.post-item').first().waitFor();
    // The new worker controls the page; no second reload follows.
    await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 500)));
    assert.equal(loads, 1);
    assert.equal(await page.locator('#update-notice').count(), 0);
    const names = await page.evaluate(() => caches.keys());
    assert.equal(names.filter((n) => n.startsWith('papershelf /shelf/ app ')).length, 1, `old versions deleted: ${names}`);
    page.assertClean();
    await page.context().close();
  } finally {
    await s.close();
  }
});

test('"Save for offline" keeps every post and its files with its progress; "Remove offline data" empties the caches', async () => {
  const s = await site();
  try {
    const all = posts(s.dir);
    const page = await newPage(browser, { serviceWorkers: 'allow' });
    await page.goto(s.base);
    await controlled(page);
    await appShown(page);
    // Closed until asked for: nothing is fetched or counted before.
    await page.locator('.offline summary').click();
    // Its size, once content/_papershelf/offline.json is read.
    // "Save all N posts for offline (about 1.2 MB)", in the site's words.
    const offer = w.count('offline.all', all.length, { about: w.say('offline.about', { size: '\0' }) });
    const escaped = offer.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('\0', '[0-9.]+ (KB|MB)');
    const save = page.locator('.offline button.save-offline', { hasText: new RegExp(`^${escaped}$`) });
    await save.waitFor();
    const progress = [];
    await page.exposeFunction('__sawProgress', (text) => progress.push(text));
    await page.evaluate(() => {
      new MutationObserver(() => {
        const p = document.querySelector('.offline-progress');
        if (p) window.__sawProgress(p.textContent);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await save.click();
    await page.locator('.offline-status', { hasText: w.count('offline.saved', all.length) }).waitFor();
    const saving = w.say('offline.progress', { done: '1', total: String(all.length) }).trim();
    assert.ok(progress.some((t) => t.trim() === saving), `progress was shown: ${progress}`);
    const saved = await cached(page, 'papershelf /shelf/ saved');
    for (const post of all) {
      assert.ok(saved.includes(`${PREFIX}content/${post.path}`), post.path);
      for (const file of post.files) assert.ok(saved.includes(`${PREFIX}content/${file}`), file);
    }
    // With the server gone, any of them opens, images and all.
    await s.stop();
    await page.reload();
    await page.locator('.post-item').first().waitFor();
    for (const post of all.slice(-3)) await read(page, post);
    await page.locator('#offline-notice').waitFor();
    await s.start();

    // Markup an older release kept in localStorage (this site's, and another's of the origin).
    await page.evaluate(() => {
      localStorage.setItem('papershelf /shelf/ drawn', '[]');
      localStorage.setItem('papershelf /shelf/ drawn https://x/papershelf-drawn?post=a', '{}');
      localStorage.setItem('papershelf /other/ drawn https://x/papershelf-drawn?post=a', '{}');
      location.hash = '#/';
    });
    await appShown(page);
    await page.locator('.offline summary').click();
    const remove = page.locator('.offline button.remove-offline');
    await remove.click();
    await page.locator('.offline-status', { hasText: new RegExp(w.say('offline.removed', { size: '\0' }).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('\0', '[0-9.]+ (KB|MB)')) }).waitFor();
    const names = await page.evaluate(() => caches.keys());
    assert.deepEqual(names.filter((n) => !n.startsWith('papershelf /shelf/ app ')), [], `${names}`);
    assert.deepEqual(
      await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(' drawn')).sort()),
      ['papershelf /other/ drawn https://x/papershelf-drawn?post=a'],
      "the markup older releases kept is gone too; another site's stays",
    );
    page.assertClean();
    await page.context().close();
  } finally {
    await s.close();
  }
});

/** Makes the cap written `count` in the built worker (minified: `count:400`) a cap of 2. */
function shrinkCap(dir, count) {
  const worker = path.join(dir, 'sw.js');
  const text = fs.readFileSync(worker, 'utf8');
  assert.ok(text.includes(count), `sw.js has ${count}`);
  fs.writeFileSync(worker, text.replace(count, 'count:2'));
}

test('the image cache holds no more than its cap, the oldest going first', async () => {
  const s = await site();
  try {
    // The cap, made small for the test (www/sw.js IMAGE_CAP).
    shrinkCap(s.dir, 'count:400');
    const page = await newPage(browser, { serviceWorkers: 'allow' });
    await page.goto(s.base);
    await controlled(page);
    const images = posts(s.dir).filter((p) => p.files.some((f) => f.endsWith('.png')));
    assert.ok(images.length >= 3);
    for (const post of images.slice(0, 3)) await read(page, post);
    // Images are kept after they are shown: wait for the last one.
    const last = images[2].files.find((f) => f.endsWith('.png'));
    await waitUntil(page,
      async (url) => (await caches.open('papershelf /shelf/ images').then((c) => c.keys())).some((r) => decodeURIComponent(new URL(r.url).pathname) === url),
      `${PREFIX}content/${last}`,
    );
    const kept = await cached(page, 'papershelf /shelf/ images');
    assert.ok(kept.length <= 2, `${kept}`);
    assert.ok(kept.includes(`${PREFIX}content/${last}`), 'the newest stays');
    await page.context().close();
  } finally {
    await s.close();
  }
});

test('posts kept while reading stay within their cap, the oldest going first; a page that is not the site\'s own is never kept', async () => {
  const s = await site();
  try {
    // The cap, made small for the test (www/sw.js POST_CAP): two posts (or drawings ahead).
    shrinkCap(s.dir, 'count:1e3');
    // A file a post might link to that is a page, but not one of the site's own.
    fs.writeFileSync(path.join(s.dir, 'content', 'notes.html'), '<!doctype html><title>Not ours</title><p>A page of the host.');
    const page = await newPage(browser, { serviceWorkers: 'allow' });
    await page.goto(s.base);
    await controlled(page);
    const three = posts(s.dir).slice(0, 3);
    for (const post of three) await read(page, post);
    const last = three[2];
    const keptPosts = () =>
      page.evaluate(async () => (await (await caches.open('papershelf /shelf/ content')).keys()).map((r) => decodeURIComponent(new URL(r.url).pathname)).filter((u) => /\.mdx?$|\/drawn\//.test(u)));
    await waitUntil(page, async (url) => (await (await caches.open('papershelf /shelf/ content')).keys()).some((r) => decodeURIComponent(new URL(r.url).pathname) === url), `${PREFIX}content/${last.path}`);
    const kept = await keptPosts();
    assert.ok(kept.length <= 2, `${kept}`);
    assert.ok(kept.includes(`${PREFIX}content/${last.path}`), 'the newest stays');
    assert.ok(!kept.includes(`${PREFIX}content/${three[0].path}`), `the oldest went: ${kept}`);
    // Opened as a page: answered, never kept.
    await page.goto(`${s.base}content/notes.html`);
    await page.getByText('A page of the host.').waitFor();
    await page.goto(s.base);
    await controlled(page);
    const pages = await page.evaluate(async () => (await (await caches.open('papershelf /shelf/ content')).keys()).map((r) => new URL(r.url).pathname).filter((u) => u.endsWith('.html')));
    assert.deepEqual(pages, []);
    await page.context().close();
  } finally {
    await s.close();
  }
});

test('installable under a sub-path: no installability errors, a manifest with relative URLs', async () => {
  const s = await site();
  // A profile of its own: Chromium does not offer to install from an incognito context.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'papershelf-profile-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(s.base);
    await controlled(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, []);
    const manifest = await (await fetch(`${s.base}manifest.webmanifest`)).json();
    assert.deepEqual([manifest.id, manifest.start_url, manifest.scope, manifest.display], ['./', './', './', 'standalone']);
    const sizes = manifest.icons.map((i) => `${i.sizes}${i.purpose ? ` ${i.purpose}` : ''}`);
    assert.deepEqual(sizes, ['192x192', '512x512', '512x512 maskable']);
    for (const icon of manifest.icons) assert.equal((await fetch(new URL(icon.src, s.base))).status, 200);
    const registration = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).scope);
    assert.equal(registration, s.base);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
    await s.close();
  }
});

test('an embedded viewer registers no service worker', async () => {
  const requests = [];
  const app = await serve(undefined, { cors: true, requests });
  const hostDir = fs.mkdtempSync(path.join(os.tmpdir(), 'papershelf-host-'));
  fs.writeFileSync(
    path.join(hostDir, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>host</title>
<script type="module" src="${app.base}embed.js"></script>
<papershelf-viewer></papershelf-viewer>`,
  );
  const host = await serve(hostDir);
  try {
    const page = await newPage(browser, { serviceWorkers: 'allow' });
    await page.goto(`${host.base}index.html`);
    await page.locator('papershelf-viewer .post-item').first().waitFor();
    await page.locator('papershelf-viewer .post-item a').first().click();
    await page.locator('papershelf-viewer h1.post-title').waitFor();
    assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);
    assert.ok(!requests.some((r) => r.endsWith('sw.js')), 'sw.js was never asked for');
    page.assertClean();
    await page.context().close();
  } finally {
    await host.close();
    await app.close();
    fs.rmSync(hostDir, { recursive: true, force: true });
  }
});

test("the way out: sw-off.js deployed as sw.js removes the worker and its caches on the next visit", async () => {
  const s = await site();
  try {
    const page = await newPage(browser, { serviceWorkers: 'allow' });
    await page.goto(s.base);
    await page.locator('.post-item').first().waitFor();
    await controlled(page);
    fs.copyFileSync(path.join(s.dir, 'sw-off.js'), path.join(s.dir, 'sw.js'));
    await page.reload();
    // The browser finds the new worker on this visit; it clears up and goes.
    await waitUntil(page, async () => (await navigator.serviceWorker.getRegistrations()).length === 0 && (await caches.keys()).length === 0);
    // The next visit reads from the network, and keeps nothing.
    await page.reload();
    await page.locator('.post-item').first().waitFor();
    await waitUntil(page, async () => (await navigator.serviceWorker.getRegistrations()).length === 0 && (await caches.keys()).length === 0);
    page.assertClean();
    await page.context().close();
  } finally {
    await s.close();
  }
});
