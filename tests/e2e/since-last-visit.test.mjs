// New since the reader's last visit: a first visit marks nothing; after a
// post is published, the next visit marks exactly that post and its paper
// (on the first view too), the header counts it, and the marks stay while
// the reader browses and reloads; the visit after that marks nothing again.
// A browser that keeps nothing sees no marks and no errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { serve, launch, appShown, siteWords, copyDist, root, shots } from './harness.mjs';

const w = siteWords();
const NEW_POST = 'papers/y2025/nov/20251130.md';

let dir, server, browser;
before(async () => {
  dir = copyDist();
  server = await serve(dir);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Publishes a post reviewing a paper no post reviewed, as `make dist` would: the post, then `papershelf index`. */
function publish() {
  fs.writeFileSync(
    path.join(dir, 'content', NEW_POST),
    '# 2025-11-30 papers review\n\n## 1. [A Paper Nobody Reviewed](https://arxiv.org/abs/2511.99001) `kaist`\n\n처음 읽는 논문.\n',
  );
  const run = (args) => {
    const r = spawnSync(path.join(root, 'target', 'release', 'papershelf'), args, { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  };
  run(['index', path.join(dir, 'content')]);
}
/** A tab of `context` at `hash`, with page errors collected. */
async function tab(context, hash, errors) {
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.base}${hash}`);
  return page;
}

test('a first visit marks nothing; the next marks exactly the post published since, until the visit after', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 900 }, serviceWorkers: 'block' });
  const errors = [];
  const first = await tab(context, '#/', errors);
  await appShown(first);
  assert.equal(await first.locator('[data-new]').count(), 0, 'a first visit marks nothing');
  assert.equal(await first.locator('.new-count').count(), 0);
  await first.close();

  publish();

  // The next visit: its first view marks the new post already (the app held back).
  const second = await context.newPage();
  second.on('pageerror', (e) => errors.push(e.message));
  let release;
  const held = new Promise((r) => (release = r));
  await second.route(/papershelf-app-[0-9a-f]+(_bg\.wasm|\.js)$/, async (route) => {
    await held;
    await route.continue();
  });
  await second.goto(`${server.base}#/`);
  const firstView = second.locator('[data-first-view]');
  await firstView.locator('.post-item').first().waitFor();
  assert.deepEqual(await firstView.locator('.post-item[data-new]').evaluateAll((li) => li.map((e) => e.getAttribute('data-key'))), [`post:${NEW_POST}`]);
  assert.equal(await firstView.locator('.post-item[data-new] .new-mark').textContent(), w.get('new'));
  assert.equal(await firstView.locator('.new-count').getAttribute('title'), w.count('new.count', 1));
  release();
  await appShown(second);
  const marked = () => second.locator('.post-item[data-new]').evaluateAll((li) => li.map((e) => e.getAttribute('data-key')));
  assert.deepEqual(await marked(), [`post:${NEW_POST}`], 'the app keeps the mark');
  assert.equal(await second.locator('.site-nav .new-count').getAttribute('title'), w.count('new.count', 1));
  assert.equal(await second.locator('.site-nav .new-count [aria-hidden]').textContent(), '1');
  await second.screenshot({ path: path.join(shots, 'new-since-last-visit-390.png') });
  // Its paper is new on the papers page; no other is.
  await second.locator('.site-nav a[href="#/papers"]').click();
  await second.locator('.paper-card').first().waitFor();
  const newPapers = await second.locator('.paper-card[data-new] .paper-title a').allTextContents();
  assert.deepEqual(newPapers, ['A Paper Nobody Reviewed']);
  // Browsing and reloading keep the marks: the baseline is the visit's.
  await second.goBack();
  await second.locator('.post-item').first().waitFor();
  assert.deepEqual(await marked(), [`post:${NEW_POST}`]);
  await second.reload();
  await appShown(second);
  await second.locator('.post-item').first().waitFor();
  assert.deepEqual(await marked(), [`post:${NEW_POST}`], 'a reload is the same visit');
  await second.close();

  // The visit after: nothing is new.
  const third = await tab(context, '#/papers', errors);
  await appShown(third);
  await third.locator('.paper-card').first().waitFor();
  assert.equal(await third.locator('[data-new]').count(), 0);
  assert.equal(await third.locator('.new-count').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('with storage blocked, nothing is marked and nothing fails', async () => {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  await context.addInitScript(() => {
    for (const name of ['localStorage', 'sessionStorage']) {
      Object.defineProperty(window, name, {
        get() {
          throw new DOMException('The user denied storage.', 'SecurityError');
        },
      });
    }
  });
  const errors = [];
  const page = await tab(context, '#/', errors);
  page.on('console', (m) => {
    if (m.type() === 'error' && /panicked|RuntimeError|unreachable/.test(m.text())) errors.push(m.text());
  });
  await appShown(page);
  await page.locator('.post-item').first().waitFor();
  await page.reload();
  await appShown(page);
  await page.locator('.post-item').first().waitFor();
  assert.equal(await page.locator('[data-new]').count(), 0);
  assert.equal(await page.locator('.new-count').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
