// Accessibility as a keyboard or screen-reader user meets it: axe-core on
// every page type, light and dark, on a phone and a desktop, with no
// violation; and where the focus goes after each kind of navigation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { serve, launch, newPage, appShown, siteTitle, siteWords } from './harness.mjs';

// The app's own words, by key (the sample site speaks Korean).
const w = siteWords();

let server, browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const PAGES = [
  ['posts', '#/', '.post-item'],
  ['papers', '#/papers', '.paper-card'],
  ['tags', '#/tags', '.tag'],
  ['the archive', '#/archive', '.archive-list a'],
  ['a filtered list', '#/?tags=meta,google&match=any', '.chip'],
  ['a post with images', '#/post/papers/y2025/nov/20251106', '.post-body img'],
  ['a post with math', '#/post/papers/y2025/oct/20251001', '.post-body math'],
  ['search results', `#/search?q=${encodeURIComponent('모델')}`, '.search-hit .snippet'],
  ['a paper', '#/paper/2511.16719', '.paper-review .review-lead'],
  ['papers reviewed more than once', '#/papers?again=1', '.again[aria-pressed="true"]'],
  ['a post others cite', '#/post/papers/y2025/nov/20251120', '.cited-by .citation'],
  ['a missing page', '#/nope', 'h1'],
  ['a missing post', '#/post/papers/y2025/nov/19990101', 'h1'],
];

for (const [scheme, width, height] of [['light', 390, 844], ['dark', 390, 844], ['light', 1280, 900], ['dark', 1280, 900]]) {
  test(`axe finds nothing on any page, ${scheme}, ${width} px`, async () => {
    // axe needs a page of a context of its own.
    const context = await browser.newContext({ viewport: { width, height }, colorScheme: scheme });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const found = [];
    for (const [name, hash, ready] of PAGES) {
      await page.goto(`${server.base}${hash}`);
      await page.locator(ready).first().waitFor();
      // Math and snippets arrive after the page: wait for them to settle.
      await page.waitForFunction(() => !document.querySelector('code[data-ps-math]:not(.math-failed)'));
      const result = await new AxeBuilder({ page }).analyze();
      for (const v of result.violations) {
        found.push(`${name}: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      }
    }
    assert.deepEqual(found, []);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('axe finds nothing on the first views (a post, the home page, the papers page) before the app starts', async () => {
  // No service worker: it would serve the app the test holds back.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
  const found = [];
  for (const [name, hash, ready] of [['post', '#/post/papers/y2025/nov/20251106', '.post-body img'], ['home', '#/', '.post-item'], ['papers', '#/papers', '.paper-card']]) {
    // A page load each (a hash alone would not load the page again), and no
    // app: the first view stays, as a reader who has not tapped yet sees it.
    const page = await context.newPage();
    await page.route(/papershelf-app-/, (route) => route.abort());
    await page.goto(`${server.base}${hash}`);
    await page.locator(`[data-first-view] ${ready}`).first().waitFor();
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice']).analyze();
    for (const v of result.violations) found.push(`${name}: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    // The skip link's target exists (Lighthouse's skip-link audit).
    const target = await page.locator('[data-first-view] .skip-link').getAttribute('href');
    assert.equal(await page.locator(`[data-first-view] ${target}`).count(), 1, `${name}: ${target} exists`);
  }
  assert.deepEqual(found, []);
  await context.close();
});

/** The focused element, described. */
const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return { tag: el.tagName, text: el.textContent.trim(), href: el.getAttribute('href'), cls: el.className };
  });

test('the skip link takes the focus to the page; every page has a title that says what it is', async () => {
  const page = await newPage(browser);
  await page.goto(server.base);
  // The app's page (the first view's skip link is tested in first-view.test.mjs).
  await appShown(page);
  await page.locator('.post-item').first().waitFor();
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).text, w.get('skip'));
  assert.equal(await page.locator('.skip-link').getAttribute('href'), '#main');
  assert.equal(await page.locator('#main').count(), 1, 'the skip link target exists');
  await page.keyboard.press('Enter');
  assert.equal((await focused(page)).tag, 'MAIN');
  await page.goto(`${server.base}#/nope`);
  await page.locator('h1', { hasText: w.get('page.missing') }).waitFor();
  assert.equal(await page.title(), `${w.get('page.missing')} · ${siteTitle()}`);
  assert.ok((await page.locator('meta[name=description]').getAttribute('content')).length > 20);
  const toggle = page.locator('.theme-toggle');
  assert.equal(await toggle.getAttribute('title'), await toggle.getAttribute('aria-label'), 'the glyph has a tooltip matching its name');
  page.assertClean();
  await page.close();
});

test('opening a post focuses its heading; Back puts the focus on the link followed', async () => {
  const page = await newPage(browser);
  await page.goto(server.base);
  await appShown(page);
  // Links followed in the first view, before the app, are the browser's own:
  // the app can only give the focus back to a link it saw followed.
  await page.locator('[data-first-view]').waitFor({ state: 'detached' });
  const link = page.locator('.post-item a.post-title').nth(1);
  await link.waitFor();
  const href = await link.getAttribute('href');
  const title = (await link.textContent()).trim();
  await link.focus();
  await page.keyboard.press('Enter');
  await page.locator('h1.post-title', { hasText: title }).waitFor();
  await page.waitForFunction(() => document.activeElement?.matches('h1.post-title'));
  await page.goBack();
  await page.waitForFunction((h) => document.activeElement?.getAttribute('href') === h, href);
  assert.equal((await focused(page)).text, title);
  page.assertClean();
  await page.close();
});

test('a facet added with Enter leaves the focus on its chip; Enter again removes that same tag', async () => {
  const page = await newPage(browser);
  await page.goto(server.base);
  await appShown(page);
  const facet = page.locator('.facets .facet').first();
  await facet.waitFor();
  const tag = await facet.getAttribute('data-tag');
  // The name holds the visible text, and counts one post as one.
  const name = await facet.evaluate((el) => el.textContent.replace(/\s+/g, ' ').trim());
  const n = Number(await facet.locator('.count').textContent());
  assert.equal(name, `${tag} ${n}${w.count('unit.posts', n)}`.replace(/\s+/g, ' '));
  await facet.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((t) => document.activeElement?.matches(`.chip[data-tag="${t}"]`), tag);
  assert.match(page.url(), new RegExp(`tags=${tag}`));
  // Enter again: the same tag goes, and the focus is on its facet.
  await page.keyboard.press('Enter');
  await page.waitForFunction((t) => document.activeElement?.matches(`.facet[data-tag="${t}"]`), tag);
  assert.doesNotMatch(page.url(), /tags=/);
  page.assertClean();
  await page.close();
});

test('a post opened from a filtered list or a search goes back to it as it was', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}#/?tags=google`);
  await page.locator('.chip', { hasText: 'google' }).waitFor();
  await page.locator('.post-item a.post-title').first().click();
  const back = page.locator('.post-meta a.back');
  await back.waitFor();
  assert.equal(await back.getAttribute('href'), '#/?tags=google');
  await back.click();
  await page.locator('.chip', { hasText: 'google' }).waitFor();
  await page.goto(`${server.base}#/search?q=grpo`);
  await page.locator('.search-hit a.post-title').first().click();
  await back.waitFor();
  assert.equal(await back.textContent(), w.get('back.search'));
  assert.equal(await back.getAttribute('href'), '#/search?q=grpo');
  page.assertClean();
  await page.close();
});
