// Reading and filtering: every route, tag filters, search, keyboard, themes,
// and a site of 4,000 posts / 25,000 entries.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, newPage, shots, distIndex, expectedCounts, writeLargeIndex, appShown, siteWords } from './harness.mjs';

// The app's own words, by key (the sample site speaks Korean).
const w = siteWords();

let server, browser, index;
before(async () => {
  server = await serve();
  browser = await launch();
  index = distIndex();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

// The number in the count line, in any language ("게시물 14개", "14 posts").
const count = async (page) => Number(/\d+/.exec(await page.locator('.result-count').textContent())[0]);

async function shoot(page, name) {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(shots, `${name}-${width}.png`) });
  }
}

test('every route shows its page', async () => {
  const page = await newPage(browser);
  const pages = [
    ['#/', w.get('title.posts'), 'posts'],
    ['#/papers', w.get('title.papers'), 'papers'],
    ['#/tags', w.get('title.tags'), 'tags'],
    ['#/archive', w.get('title.archive'), 'archive'],
    ['#/post/papers/y2025/nov/20251120', '2025-11-20 papers review', 'post'],
    ['#/no/such/page', w.get('page.missing'), 'not-found'],
  ];
  for (const [hash, heading, name] of pages) {
    await page.goto(server.base + hash);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await shoot(page, name);
  }
  // The papers page lists each URL once, with every review of it.
  await page.goto(`${server.base}#/papers`);
  await page.locator('.paper-card').first().waitFor();
  assert.equal(await count(page), expectedCounts(index, []).papers);
  // The tags page counts match the oracle and are sorted by papers, then posts.
  await page.goto(`${server.base}#/tags`);
  const rows = await page.locator('.tag-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  for (const [tag, papers, posts] of rows) {
    const e = expectedCounts(index, [tag]);
    assert.deepEqual([Number(papers), Number(posts)], [e.papers, e.posts], tag);
  }
  const sorted = [...rows].sort((a, b) => b[1] - a[1] || b[2] - a[2] || a[0].localeCompare(b[0]));
  assert.deepEqual(rows, sorted);
  // The archive: every dated post, by year, newest first, each year counted.
  await page.goto(`${server.base}#/archive`);
  await page.locator('.archive-list a').first().waitFor();
  const years = await page.locator('.archive-year').evaluateAll((sections) =>
    sections.map((s) => [s.querySelector('h2').firstChild.textContent, [...s.querySelectorAll('li time')].map((t) => t.getAttribute('datetime'))]),
  );
  const dated = index.posts.filter((p) => p.date).map((p) => p.date);
  assert.deepEqual(years.flatMap(([, dates]) => dates), dated, 'every dated post, newest first');
  assert.deepEqual(years.map(([y]) => y), [...new Set(dated.map((d) => w.say('archive.year', { year: d.slice(0, 4) })))]);
  // Not found says what was asked and links home.
  await page.goto(`${server.base}#/no/such/page`);
  assert.match(await page.locator('.not-found').textContent(), /\/no\/such\/page/);
  await page.getByRole('link', { name: w.get('all') }).click();
  await page.getByRole('heading', { level: 1, name: w.get('title.posts') }).waitFor();
  page.assertClean();
});

test('two tags filter with AND, then OR, with the expected counts, and survive a reload', async () => {
  const page = await newPage(browser);
  await page.goto(server.base);
  await appShown(page);
  await page.locator('.facet').first().waitFor();
  const all = expectedCounts(index, ['meta', 'microsoft'], 'all');
  const any = expectedCounts(index, ['meta', 'microsoft'], 'any');
  assert.ok(all.posts < any.posts, 'the sample content tells AND from OR');

  // The facet says how many posts adding the tag gives, before it is clicked.
  const metaFacet = page.locator('.facet', { has: page.locator('.count'), hasText: /^meta\s*\d+/ });
  assert.equal(Number(await metaFacet.locator('.count').textContent()), expectedCounts(index, ['meta']).posts);
  await metaFacet.click();
  await page.locator('.chip', { hasText: 'meta' }).waitFor();
  const msFacet = page.locator('.facet', { has: page.locator('.count'), hasText: /^microsoft\s*\d+/ });
  assert.equal(Number(await msFacet.locator('.count').textContent()), all.posts);
  await msFacet.click();
  await page.waitForFunction((n) => document.querySelectorAll('.post-item').length === n, all.posts);
  assert.equal(await count(page), all.posts);
  assert.match(page.url(), /#\/\?tags=meta,microsoft$/);

  await page.getByRole('radio', { name: w.get('filter.any') }).click();
  await page.waitForFunction((n) => document.querySelectorAll('.post-item').length === n, any.posts);
  assert.match(page.url(), /tags=meta,microsoft&match=any$/);
  await shoot(page, 'filtered');

  await page.reload();
  await appShown(page);
  await page.waitForFunction((n) => document.querySelectorAll('.post-item').length === n, any.posts);
  assert.equal(await page.locator('.chip').count(), 2);
  assert.equal(await page.getByRole('radio', { name: w.get('filter.any') }).getAttribute('aria-checked'), 'true');

  // The same filter on the papers page.
  await page.getByRole('link', { name: w.get('nav.papers'), exact: true }).click();
  await page.goto(`${server.base}#/papers?tags=meta,microsoft&match=any`);
  await page.waitForFunction((n) => document.querySelectorAll('.paper-card').length === n, any.papers);
  await page.getByRole('button', { name: w.say('filter.remove', { tag: 'microsoft' }) }).click();
  await page.waitForFunction((n) => document.querySelectorAll('.paper-card').length === n, expectedCounts(index, ['meta']).papers);
  await page.getByRole('button', { name: w.get('filter.clear') }).click();
  await page.waitForFunction((said) => document.querySelector('.result-count').textContent === said, w.count('count.papers', expectedCounts(index, []).papers));
  assert.equal(await page.locator('.paper-card').count(), Math.min(40, expectedCounts(index, []).papers), 'one page of cards');
  page.assertClean();
});

test('the search box narrows by title words as you type, in Korean and English', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}#/papers`);
  // The app's box (typing into the first view's is tested in first-view.test.mjs).
  await appShown(page);
  const box = page.getByRole('searchbox', { name: w.get('filter.box.papers') });
  await box.pressSequentially('sam');
  await page.waitForFunction(() => document.querySelectorAll('.paper-card').length === 1);
  assert.equal(await page.locator('.paper-title').textContent(), 'SAM 3');
  await expectFocused(page, 'input[type=search]');
  await box.fill('');
  await box.pressSequentially('발표');
  await page.waitForFunction(() => document.querySelectorAll('.paper-card').length === 1);
  assert.match(await page.locator('.paper-title').textContent(), /Paper2Video: 논문을 발표 영상으로/);
  assert.match(decodeURIComponent(page.url()), /q=발표$/);
  // Combined with a tag: a word that no `meta` paper has.
  await page.goto(`${server.base}#/papers?tags=meta&q=${encodeURIComponent('발표')}`);
  await page.getByText(w.get('empty.papers')).waitFor();
  page.assertClean();
});

async function expectFocused(page, selector) {
  assert.ok(await page.evaluate((s) => document.activeElement?.matches(s), selector), `${selector} keeps the focus`);
}

test('a post can be reached and read with the keyboard alone', async () => {
  const page = await newPage(browser);
  await page.goto(server.base);
  await appShown(page);
  await page.locator('.post-item').first().waitFor();
  let found = false;
  for (let i = 0; i < 80 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => document.activeElement?.classList.contains('post-title'));
  }
  assert.ok(found, 'a post title is reachable with Tab');
  const title = await page.evaluate(() => document.activeElement.textContent);
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  // A facet is a button: Enter toggles it.
  await page.goto(server.base);
  await appShown(page);
  await page.locator('.facet').first().focus();
  await page.keyboard.press('Enter');
  await page.locator('.chip').first().waitFor();
  page.assertClean();
});

test('math is drawn by a renderer module that only posts with math download', async () => {
  const requests = [];
  const srv = await serve(undefined, { requests });
  const page = await newPage(browser);
  await page.goto(`${srv.base}#/post/papers/y2025/nov/20251106`);
  await page.locator('.post-body h2').first().waitFor();
  await page.waitForTimeout(200);
  assert.deepEqual(requests.filter((r) => r.includes('papershelf-math')), [], 'a post without math loads no math renderer');
  await page.goto(`${srv.base}#/post/papers/y2025/jan/20250115`);
  await page.locator('.post-body math[display="block"]').first().waitFor();
  assert.ok((await page.locator('.post-body math').count()) >= 2, 'inline and display math');
  assert.equal(await page.locator('.post-body code[data-ps-math]').count(), 0, 'no placeholder left');
  assert.match(await page.locator('.post-body math').first().textContent(), /M.*t/);
  // Laid out as one formula, not its parts stacked like paragraphs.
  const box = await page.locator('.post-body math[display="block"]').first().boundingBox();
  assert.ok(box.height < 60, `display math is ${box.height}px tall`);
  assert.equal(requests.filter((r) => r.endsWith('_bg.wasm') && r.includes('papershelf-math')).length, 1);
  await shoot(page, 'math');
  page.assertClean();
  await srv.close();
});

test('the dark theme follows the system and the toggle overrides it, remembered', async () => {
  const page = await newPage(browser, { colorScheme: 'dark' });
  await page.goto(server.base);
  await appShown(page);
  await page.locator('.post-item').first().waitFor();
  const bg = () => page.evaluate(() => getComputedStyle(document.querySelector('.papershelf')).backgroundColor);
  assert.equal(await bg(), 'rgb(21, 21, 23)');
  await shoot(page, 'dark');
  await page.getByRole('button', { name: w.get('theme.system') }).click();
  assert.equal(await bg(), 'rgb(251, 251, 249)');
  await page.reload();
  await appShown(page);
  await page.locator('.post-item').first().waitFor();
  assert.equal(await bg(), 'rgb(251, 251, 249)', 'the choice is remembered');
  await page.getByRole('button', { name: w.get('theme.light') }).click();
  assert.equal(await bg(), 'rgb(21, 21, 23)');
  page.assertClean();
});

test('4,000 posts and 25,000 entries filter without a stall', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'papershelf-large-'));
  const posts = writeLargeIndex(dir);
  const big = await serve(undefined, { contentDir: dir });
  try {
    const page = await newPage(browser);
    await page.goto(`${big.base}#/papers`);
    await page.locator('.paper-card').first().waitFor();
    assert.equal(await count(page), 25000);
    assert.equal(await page.locator('.paper-card').count(), 40, 'only one page of cards is in the DOM');
    const tag = await page.locator('.facet').first().evaluate((b) => b.firstChild.textContent);
    const expected = expectedCounts({ posts }, [tag]).papers;
    // Time from the click to the next frame after the list changed.
    const ms = await page.evaluate(async (n) => {
      const facet = document.querySelector('.facet');
      const t0 = performance.now();
      facet.click();
      while (Number(/\d+/.exec(document.querySelector('.result-count').textContent)?.[0]) !== n) await new Promise((r) => setTimeout(r, 0));
      await new Promise((r) => requestAnimationFrame(() => r()));
      return performance.now() - t0;
    }, expected);
    console.log(`# tag click to paint on 25,000 entries: ${ms.toFixed(1)} ms`);
    const typed = await page.evaluate(async () => {
      const input = document.querySelector('.filters input[type=search]');
      const t0 = performance.now();
      input.value = '멀티모달';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => requestAnimationFrame(() => r()));
      return performance.now() - t0;
    });
    console.log(`# search keystroke to paint on 25,000 entries: ${typed.toFixed(1)} ms`);
    await page.goto(`${big.base}#/?tags=org7,agents&match=any`);
    await page.waitForFunction((said) => document.querySelector('.result-count')?.textContent === said, w.count('count.posts', expectedCounts({ posts }, ['org7', 'agents'], 'any').posts));
    page.assertClean();
  } finally {
    await big.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
