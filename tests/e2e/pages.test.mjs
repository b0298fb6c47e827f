// A page per post, as `papershelf publish` writes it into a built site
// (docs/<path>/index.html, the URL Docusaurus gives the same file), served
// under a sub-path as GitHub Pages serves a project site: the author's old
// links open the post at their heading, link previews find their tags in
// the raw HTML, readers without JavaScript get a summary, and the sitemap
// lists pages that exist.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, launch, newPage, copyDist, root, shots, dist, appShown, siteTitle, waitUntil, siteWords } from './harness.mjs';

// The app's own words, by key (the sample site speaks Korean).
const w = siteWords();

const POST = 'papers/y2025/nov/20251106';
const ANCHOR = '3-token-pruning-revisited-nvidia';

let browser, server, dir;
before(async () => {
  browser = await launch();
  dir = copyDist();
  server = await serve(dir, { prefix: '/repo/' });
  // The site's public URL is this server's, sub-path and all.
  execFileSync(path.join(root, 'target', 'release', 'papershelf'), ['publish', dir, '--site-url', server.base], { stdio: 'pipe' });
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test("a post page's raw HTML has every tag the link previews read, with its own URL under the sub-path", async () => {
  const own = `${server.base}docs/${POST}/`;
  const html = await (await fetch(own)).text();
  const head = html.slice(0, html.indexOf('</head>'));
  assert.ok(head.length < 32 * 1024, 'the head fits the first 32 KB');
  const meta = (attr, name) => new RegExp(`<meta ${attr}="${name}" content="([^"]*)">`).exec(head)?.[1];
  assert.equal(/<link rel="canonical" href="([^"]*)">/.exec(head)?.[1], own);
  assert.equal(meta('property', 'og:url'), own);
  assert.equal(meta('property', 'og:type'), 'article');
  assert.equal(meta('property', 'og:title'), '2025-11-06 papers review');
  assert.ok(meta('name', 'description').length > 10 && meta('name', 'description').length <= 160);
  // Its preview image, drawn by publish beside the page, answers as a 1200×630 PNG.
  assert.equal(meta('property', 'og:image'), `${own}preview.png`);
  assert.equal(meta('property', 'og:image:width'), '1200');
  assert.equal(meta('property', 'og:image:height'), '630');
  const image = await fetch(`${own}preview.png`);
  assert.equal(image.status, 200);
  assert.match(image.headers.get('content-type') ?? '', /^image\/png/);
  assert.equal(meta('property', 'article:published_time'), '2025-11-06T00:00:00+09:00');
  assert.equal(meta('name', 'twitter:card'), 'summary_large_image');
  const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(head)[1]);
  assert.equal(ld['@type'], 'BlogPosting');
  assert.equal(ld.url, own);
  assert.equal((head.match(/<title>/g) ?? []).length, 1);
  // The feeds are linked from it too.
  assert.match(head, /<link rel="alternate" type="application\/atom\+xml"[^>]*href="atom.xml">/);
});

test('an old Docusaurus link (docs/<path>/#<heading>) opens the post at that heading; Back leaves; a tag works', async () => {
  const page = await newPage(browser, { width: 390, height: 700 });
  const asked = [];
  page.on('request', (r) => asked.push(new URL(r.url()).pathname));
  await page.goto(`${server.base}docs/${POST}/`);
  // The page asks for the post drawn ahead and the module that draws it
  // itself (preloads; the module's from the site's index.html, relative to
  // the page's <base>), and the boot script takes those answers.
  await page.locator('[data-first-view] h1.post-title').waitFor();
  const html = await (await fetch(`${server.base}docs/${POST}/`)).text();
  const wasm = /<link rel="preload" as="fetch" href="\.\/(papershelf-lists-[0-9a-f]+_bg\.wasm)" crossorigin data-first-visit>/.exec(html)?.[1];
  assert.ok(wasm && /<link rel="modulepreload" href="\.\/papershelf-lists-[0-9a-f]+\.js" data-first-visit>/.test(html), 'the lists module is preloaded');
  assert.deepEqual(asked.filter((p) => p.endsWith(`/${wasm}`)), [`/repo/${wasm}`], 'its wasm is downloaded once');
  const drawn = `content/_papershelf/drawn/${POST}.json`;
  assert.ok(html.includes(`<link rel="preload" as="fetch" href="${drawn}" crossorigin data-first-visit>`), 'the drawing is preloaded');
  assert.deepEqual(asked.filter((p) => p.endsWith(`/${drawn}`)), [`/repo/${drawn}`], 'the drawing is downloaded once');
  assert.deepEqual(
    await page.locator('head > link[data-first-visit]').evaluateAll((links) => links.map((l) => l.getAttribute('href'))),
    [drawn, `./${wasm.replace('_bg.wasm', '.js')}`, `./${wasm}`],
    'a first visit adds the preloads from their template: the drawing, the lists module',
  );
  await page.goto(`${server.base}docs/${POST}/#${ANCHOR}`);
  const heading = page.locator(`[id="${ANCHOR}"]`);
  await heading.waitFor();
  await page.waitForFunction((id) => {
    const top = document.getElementById(id).getBoundingClientRect().top;
    return top >= 0 && top < window.innerHeight / 2;
  }, ANCHOR);
  // The address is the root's hash route, in place of the page's.
  assert.equal(page.url(), `${server.base}#/post/${POST}?id=${ANCHOR}`);
  await page.screenshot({ path: path.join(shots, 'post-page-390.png') });
  // A tag in the post opens the filtered list.
  await page.locator('.toc a.tag').first().click();
  await page.locator('.result-count').waitFor();
  assert.ok(page.url().startsWith(`${server.base}#/?tags=`), page.url());
  // Back, twice: the post, then the page before it.
  await page.goBack();
  await page.locator('h1.post-title').waitFor();
  page.assertClean();
});

test('without JavaScript a post page shows its summary: title, date, the papers reviewed, the source', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.base}docs/${POST}/`);
  const summary = page.locator('.noscript-summary');
  await summary.waitFor();
  assert.equal(await summary.locator('h1').textContent(), '2025-11-06 papers review');
  assert.ok((await summary.locator('ol li').count()) >= 3);
  const source = summary.locator('a', { hasText: w.get('page.source') });
  const response = await page.request.get(new URL(await source.getAttribute('href'), page.url()).href);
  assert.equal(response.status(), 200);
  assert.match(await response.text(), /^## /m);
  await context.close();
});

test('every URL in the sitemap answers 200; robots.txt points to it', async () => {
  const sitemap = await (await fetch(`${server.base}sitemap.xml`)).text();
  const urls = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1].replaceAll('&amp;', '&'));
  const index = JSON.parse(fs.readFileSync(path.join(dir, 'content', 'index.json'), 'utf8'));
  const front = JSON.parse(fs.readFileSync(path.join(dir, 'content', '_papershelf', 'front.json'), 'utf8'));
  // Every post's page and every paper's.
  const posts = urls.filter((u) => u.startsWith(`${server.base}docs/`));
  const papers = urls.filter((u) => u.startsWith(`${server.base}paper/`));
  assert.equal(posts.length, index.posts.length);
  assert.equal(papers.length, front.papers.total);
  assert.equal(posts.length + papers.length, urls.length);
  for (const url of urls) {
    assert.ok(!url.includes('#'), url);
    const answer = await fetch(url);
    assert.equal(answer.status, 200, url);
    if (url.includes('/paper/')) assert.match(await answer.text(), /<meta name="citation_title" content="[^"]+">/, url);
  }
  assert.match(await (await fetch(`${server.base}robots.txt`)).text(), new RegExp(`Sitemap: ${server.base}sitemap.xml`));
});

// Reads what the page put on the clipboard.
const clipboard = (page) => page.evaluate(() => navigator.clipboard.readText());

test("\"Copy link\" and a heading's link mark copy the post's page URL; the header has the site's name, the footer its feeds", async () => {
  const page = await newPage(browser, { width: 1280, height: 800 });
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.base).origin });
  const own = `${server.base}docs/${POST}/`;
  await page.goto(own);
  // The first view's controls work before the app has taken over, and the app's after.
  for (const phase of ['first view', 'app']) {
    if (phase === 'app') await appShown(page);
    const copy = page.locator('.post-meta .copy-link');
    await copy.click();
    await page.waitForFunction((done) => document.getElementById('copy-status')?.textContent === done, w.get('copy.status.done'));
    assert.equal(await clipboard(page), own, phase);
    assert.equal(await copy.getAttribute('data-copied'), w.get('copy.done'), 'it says so beside the button');
    const heading = page.locator(`[id="${ANCHOR}"]`);
    await heading.hover();
    const mark = heading.locator('a.hash-link');
    assert.equal(await mark.getAttribute('href'), `${own}#${ANCHOR}`, 'the mark is a real link too');
    await mark.click();
    await waitUntil(page, async (url) => (await navigator.clipboard.readText()) === url, `${own}#${ANCHOR}`);
    assert.ok(page.url().startsWith(`${server.base}#/post/${POST}`), `a click copies and stays: ${page.url()}`);
    assert.equal((await heading.textContent()).includes('#'), false, "the heading's text is its own");
  }
  // The site's name from papershelf.toml, and its three feeds.
  assert.equal(await page.locator('.brand').textContent(), siteTitle());
  assert.ok((await page.title()).endsWith(` · ${siteTitle()}`), await page.title());
  const feeds = await page.locator('.site-footer a.feed').evaluateAll((links) => links.map((a) => [a.textContent, a.href]));
  assert.deepEqual(feeds, [['Atom', `${server.base}atom.xml`], ['RSS', `${server.base}rss.xml`], ['JSON Feed', `${server.base}feed.json`]]);
  for (const [, url] of feeds) assert.equal((await fetch(url)).status, 200, url);
  await page.screenshot({ path: path.join(shots, 'copy-link-1280.png') });
  page.assertClean();
});

test('with no site URL configured, the copy controls copy the hash route, and no feed is offered', async () => {
  const plain = await serve(dist, { prefix: '/plain/' });
  try {
    const page = await newPage(browser, { width: 390, height: 700 });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(plain.base).origin });
    await page.goto(`${plain.base}#/post/${POST}`);
    await appShown(page);
    await page.locator('.post-meta .copy-link').click();
    await page.waitForFunction((done) => document.getElementById('copy-status')?.textContent === done, w.get('copy.status.done'));
    assert.equal(await clipboard(page), `${plain.base}#/post/${POST}`);
    await page.locator(`[id="${ANCHOR}"] a.hash-link`).click();
    await waitUntil(page, async (url) => (await navigator.clipboard.readText()) === url, `${plain.base}#/post/${POST}?id=${ANCHOR}`);
    assert.equal(await page.locator('.site-footer a.feed').count(), 0, 'no feeds without a URL');
    page.assertClean();
  } finally {
    await plain.close();
  }
});
