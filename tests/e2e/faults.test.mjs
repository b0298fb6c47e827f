// Hostile content and broken networks, in the browser. Every test checks that
// no script from content ran (window.__pwned stays unset), that no request left
// the app's files and its content directory, and that no page error occurred.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, newPage, copyDist, root, dist, appShown, siteWords } from './harness.mjs';

// The app's own words, by key (the sample site speaks Korean).
const w = siteWords();

let browser, dir, server;
const HOSTILE = 'papers/y2025/dec/20251201';

before(async () => {
  browser = await launch();
  // A deploy with one hostile post, indexed by the real CLI.
  dir = copyDist();
  const postDir = path.join(dir, 'content', 'papers', 'y2025', 'dec');
  fs.mkdirSync(postDir, { recursive: true });
  fs.writeFileSync(
    path.join(postDir, '20251201.md'),
    `---
title: "<img src=x onerror=window.__pwned=1> hostile"
tags: ["<script>window.__pwned=1</script>"]
---
import evil from '../../../../../../etc/passwd';
import far from 'https://evil.example/x.png';

# Hostile post

<script>window.__pwned = 1</script>

<img src="x.png" onerror="window.__pwned=1">

<svg onload="window.__pwned=1"></svg><iframe src="https://evil.example"></iframe>

<a href="jav&#x09;ascript:window.__pwned=1">tab</a> <a href="&#106;avascript:window.__pwned=1">entity</a> [md](javascript:window.__pwned=1)

<img src={evil} /> <img src={far} /> <img src={alert(1)} onClick={() => window.__pwned = 1} />

<div style={{position: 'fixed', backgroundImage: 'url(https://evil.example/track.png)', width: 10}}>styled</div>

<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example">

## 1. [A paper](https://example.org/p) \`<b>tag</b>\`

## location

<div id="__pwned">id</div>

[relative after base](../nov/20251106.md)
`,
  );
  execFileSync('cargo', ['run', '--quiet', '--release', '-p', 'papershelf-cli', '--', 'index', path.join(dir, 'content')], { cwd: root, stdio: 'ignore' });
  server = await serve(dir);
});
after(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A page that records every request; `check()` asserts the three promises. */
async function guardedPage(opts) {
  const page = await newPage(browser, opts);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  page.check = async () => {
    assert.equal(await page.evaluate(() => typeof window.__pwned === 'number' || window.__pwned === 1), false, 'no script from content ran');
    for (const url of requests) {
      if (url.startsWith('data:')) continue;
      assert.ok(url.startsWith(server.base), `request left the site: ${url}`);
      const p = new URL(url).pathname;
      assert.ok(p.startsWith('/content/') || !p.slice(1).includes('/'), `request outside the content directory: ${p}`);
      assert.ok(!p.includes('..') && !p.includes('etc/passwd'), `request climbed out: ${p}`);
    }
    page.assertClean();
  };
  return page;
}

test('a hostile post renders with no script, no foreign request and its text intact', async () => {
  const page = await guardedPage();
  await page.goto(server.base);
  await appShown(page);
  await page.locator('.post-title', { hasText: 'hostile' }).waitFor();
  assert.equal(await page.locator('.post-title', { hasText: 'hostile' }).textContent(), '<img src=x onerror=window.__pwned=1> hostile');
  await page.locator('.post-title', { hasText: 'hostile' }).click();
  await page.locator('.post-body h2').first().waitFor();
  await page.waitForTimeout(300);
  const body = page.locator('.post-body');
  for (const sel of ['script', 'iframe', 'svg', 'base', 'meta', '[onerror]', '[onclick]', '[onload]', 'a[href^="javascript"]', 'a[href*="script:"]']) {
    assert.equal(await body.locator(sel).count(), 0, sel);
  }
  assert.equal(await page.locator('base').count(), 0);
  assert.equal(await body.locator('.ps-broken').count() >= 2, true, 'refused images are marked');
  const styled = body.locator('div', { hasText: 'styled' });
  assert.equal(await styled.evaluate((el) => getComputedStyle(el).position), 'static');
  assert.equal(await styled.evaluate((el) => el.style.width), '10px');
  assert.equal(await body.locator('[id="__pwned"]').count(), 0, 'ids that look like globals are prefixed');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  // The relative link resolves against the post, not against a <base> from content.
  await body.getByRole('link', { name: 'relative after base' }).click();
  await page.locator('h1.post-title', { hasText: '2025-11-06' }).waitFor();
  await page.check();
});

test('routes cannot reach outside the content directory', async () => {
  const page = await guardedPage();
  await page.goto(server.base);
  await appShown(page);
  await page.locator('.post-item').first().waitFor();
  for (const hash of ['#/post/../../secret', '#/post/%2e%2e/%2e%2e/etc/passwd', '#/post/papers%2f..%2f..%2f..%2fsecret', '#/post/..\\..\\secret', '#/post//evil.example/x', '#/post/https://evil.example/x', '#/post/%2F%2Fevil.example%2Fx']) {
    await page.goto(server.base + hash);
    await page.getByRole('heading', { name: w.get('page.missing') }).waitFor();
  }
  await page.check();
});

test('a post answering 500 shows the status and a retry that works', async () => {
  const page = await guardedPage();
  let fail = true;
  await page.route('**/content/papers/y2025/nov/20251120.md', (route) => (fail ? route.fulfill({ status: 500, body: 'oops' }) : route.continue()));
  await page.goto(`${server.base}#/post/papers/y2025/nov/20251120`);
  await page.locator('.error-box', { hasText: w.get('error.status').split('{url}')[0].split('{code}')[0] }).filter({ hasText: '500' }).waitFor();
  await page.getByRole('link', { name: w.get('nav.posts'), exact: true }).click();
  await page.locator('.post-item').first().waitFor();
  await page.goBack();
  await page.locator('.error-box').waitFor();
  fail = false;
  await page.getByRole('button', { name: w.get('retry') }).click();
  await page.locator('h1.post-title', { hasText: '2025-11-20' }).waitFor();
  await page.check();
});

const URL_ = 'content/index.json';
for (const [what, body, message] of [
  ['malformed JSON', '{"version": 1, "posts": [', w.say('error.json', { url: URL_ })],
  // Its post has no path: the first post, named, and what it lacks.
  ['missing fields', '{"version": 1, "posts": [{"title": "no path"}]}', w.say('error.post', { url: URL_, n: 1, why: '\0' }).split('\0')[0]],
  ['no version', '{"posts": []}', w.say('error.fields', { url: URL_ })],
  ['another version', '{"version": 9, "posts": []}', w.say('error.version', { url: URL_, version: 9, want: 1 })],
  ['a broken line', '{"version":1,"posts":[\n{"path":"a.md","title":"A","date":"2025-01-01","tags":[],"entries":[]},\n{"path": oops\n]}\n', w.say('error.line', { url: URL_, line: 3 })],
  ['a missing end', '{"version":1,"posts":[\n{"path":"a.md","title":"A","date":"2025-01-01","tags":[],"entries":[]},\n', w.say('error.json', { url: URL_ })],
]) {
  test(`an index with ${what} says so; posts still open by link`, async () => {
    const page = await guardedPage();
    await page.route('**/content/index.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
    await page.goto(server.base);
    await appShown(page);
    await page.locator('.error-box', { hasText: message }).waitFor();
    await page.goto(`${server.base}#/post/papers/y2025/nov/20251106`);
    await page.locator('h1.post-title', { hasText: '2025-11-06' }).waitFor();
    await page.check();
  });
}

test('an index written on one line (by another tool) is read too', async () => {
  const page = await guardedPage();
  const index = JSON.parse(fs.readFileSync(path.join(dist, 'content', 'index.json'), 'utf8'));
  await page.route('**/content/index.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(index) }));
  await page.goto(server.base);
  await appShown(page);
  await page.locator('.result-count', { hasText: w.count('count.posts', index.posts.length) }).waitFor();
  assert.equal(await page.locator('.post-item').count(), index.posts.length);
  await page.check();
});

test('a math renderer that cannot load leaves the TeX readable and says why', async () => {
  const page = await guardedPage();
  await page.route('**/papershelf-math-*', (route) => route.fulfill({ status: 404, body: 'not found' }));
  // A post with no drawing ahead (which has its formulas drawn already): the app draws its math.
  await page.route('**/content/_papershelf/drawn/**', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(`${server.base}#/post/papers/y2025/jan/20250115`);
  const failed = page.locator('.post-body code.math-failed');
  await failed.first().waitFor();
  assert.ok((await failed.first().getAttribute('title')).startsWith(w.get('math.failed').split('{why}')[0]));
  assert.match(await page.locator('.post-body code.math-display').first().textContent(), /\\/);
  assert.equal(await page.locator('.post-body math').count(), 0);
  await page.check();
});

test('a stalled request times out with a message and a retry', { timeout: 60_000 }, async () => {
  const page = await guardedPage();
  let stall = true;
  await page.route('**/content/papers/y2025/nov/20251113.md', (route) => (stall ? undefined : route.continue()));
  await page.goto(`${server.base}#/post/papers/y2025/nov/20251113`);
  await page.getByRole('status').filter({ hasText: w.say('loading', { what: w.get('loading.post') }) }).waitFor();
  await page.locator('.error-box', { hasText: w.get('error.timeout').split('{url}')[1].replace('{seconds}', '10') }).waitFor({ timeout: 20_000 });
  stall = false;
  await page.getByRole('button', { name: w.get('retry') }).click();
  await page.locator('h1.post-title', { hasText: '2025-11-13' }).waitFor();
  await page.check();
});

test('going offline shows a message; back online, retry works', async () => {
  const page = await guardedPage();
  await page.goto(server.base);
  await appShown(page);
  await page.locator('.post-item').first().waitFor();
  await page.context().setOffline(true);
  await page.getByRole('link', { name: '2025-11-24 papers review' }).click();
  await page.locator('.error-box', { hasText: w.get('error.network').split('{url}')[1] }).waitFor();
  await page.context().setOffline(false);
  await page.getByRole('button', { name: w.get('retry') }).click();
  await page.locator('h1.post-title', { hasText: '2025-11-24' }).waitFor();
  await page.check();
});

test('a slow post never overwrites the fast one opened after it', async () => {
  const page = await guardedPage();
  await page.route('**/content/papers/y2025/oct/20251008.md', async (route) => {
    await new Promise((r) => setTimeout(r, 2500));
    await route.continue().catch(() => {});
  });
  await page.goto(server.base);
  await appShown(page);
  await page.locator('.post-item').first().waitFor();
  await page.goto(`${server.base}#/post/papers/y2025/oct/20251008`);
  await page.getByRole('status').filter({ hasText: w.say('loading', { what: w.get('loading.post') }) }).waitFor();
  await page.goto(`${server.base}#/post/papers/y2025/oct/20251015`);
  await page.locator('h1.post-title', { hasText: '2025-10-15' }).waitFor();
  await page.waitForTimeout(3000);
  assert.equal(await page.locator('h1.post-title').textContent(), '2025-10-15 papers review');
  assert.equal(await page.locator('.post-body h2').first().textContent(), '1. Scaling Laws for RL Compute meta');
  await page.check();
});
