// Posts fetched on intent: a link to a post that the pointer rests on, that
// is pressed or focused has its Markdown fetched before the click, and the
// post page takes that answer instead of asking again (src/prefetch.rs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

// The home page lists the newest post first.
const FIRST = 'papers/y2025/nov/20251120';
const OTHER = 'papers/y2025/nov/20251106';
const md = (post) => `/content/${post}.md`;
const times = (requests, url) => requests.filter((r) => r === url).length;
// Longer than the 65 ms a pointer must rest, with room for a busy machine.
const settle = (page) => page.waitForTimeout(400);

/** Runs `body(page, base, requests)` on a server of dist/ that records every requested path. */
async function withServer(body) {
  const requests = [];
  const server = await serve(undefined, { requests });
  try {
    const page = await newPage(browser);
    await body(page, server.base, requests);
    page.assertClean();
  } finally {
    await server.close();
  }
}

test('a post link the pointer rests on is fetched before the click, and the click takes that answer', async () =>
  withServer(async (page, base, requests) => {
    await page.goto(base);
    const link = page.locator(`.post-item a.post-title[href="#/post/${FIRST}"]`);
    await link.waitFor();
    assert.equal(times(requests, md(FIRST)), 0, 'the home page fetches no post');
    await link.hover();
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/20251120.md')));
    assert.equal(times(requests, md(FIRST)), 1);
    await link.click();
    await page.locator('h1.post-title', { hasText: '2025-11-20' }).waitFor();
    await page.locator('.post-body h2').first().waitFor();
    assert.equal(times(requests, md(FIRST)), 1, 'the post page used the answer fetched on hover');
  }));

test('a pointer passing over a link fetches nothing; the keyboard focus resting on it does', async () =>
  withServer(async (page, base, requests) => {
    await page.goto(base);
    const link = page.locator(`.post-item a.post-title[href="#/post/${OTHER}"]`);
    await link.waitFor();
    // Over and out again in one task: the pointer never rested there.
    await link.evaluate((a) => {
      a.dispatchEvent(new PointerEvent('pointerover', { bubbles: true }));
      a.dispatchEvent(new PointerEvent('pointerout', { bubbles: true, relatedTarget: document.body }));
    });
    await settle(page);
    assert.equal(times(requests, md(OTHER)), 0);
    await link.focus();
    await settle(page);
    assert.equal(times(requests, md(OTHER)), 1);
  }));

test('links into the post shown fetch nothing again; a failed fetch on intent is asked again on the click', async () =>
  withServer(async (page, base, requests) => {
    await page.goto(`${base}#/post/${OTHER}`);
    await page.locator('.post-body h2').first().waitFor();
    const before = times(requests, md(OTHER));
    // The table of entries links into this post.
    await page.locator(`.post-head a[href^="#/post/${OTHER}?id="]`).first().hover();
    await settle(page);
    assert.equal(times(requests, md(OTHER)), before);

    // The next post's link, hovered while the server cannot be reached: the
    // click asks again, and the post shows.
    const next = page.locator('a.newer[rel="next"]');
    const newer = (await next.getAttribute('href')).slice('#/post/'.length);
    let offline = true;
    await page.route(`**${md(newer)}`, (route) => (offline ? route.abort('internetdisconnected') : route.continue()));
    await next.hover();
    await settle(page);
    assert.equal(times(requests, md(newer)), 0, 'the fetch on intent failed');
    offline = false;
    await next.click();
    await page.locator('h1.post-title').filter({ hasNotText: '2025-11-06' }).waitFor();
    await page.locator('.post-body h2').first().waitFor();
    assert.equal(times(requests, md(newer)), 1, 'the click asked again');
  }));
