// The first view: a link to a post shows the post with the small lists module
// (from its drawing ahead, when it is of this very text) before the app
// (Leptos) has downloaded; the app then takes the page over in
// place. The app's files are held back here to look at the page in between.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { serve, launch, newPage, appShown, root, shots, dist, distIndex, copyDist, expectedCounts, siteTitle, siteWords } from './harness.mjs';
import { writeJournal } from '../bench/journal.mjs';

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

const POST = 'papers/y2025/nov/20251106';

/**
 * Holds every request for the app's own files until `release()` is called;
 * records whether `shown` (the first view's content) was on screen then.
 */
async function holdApp(page, shown = '[data-first-view] .post-body h2') {
  let release;
  const held = new Promise((resolve) => (release = resolve));
  const asked = [];
  let askedOnce;
  const firstAsk = new Promise((resolve) => (askedOnce = resolve));
  await page.route(/papershelf-app-[0-9a-f]+(_bg\.wasm|\.js)$/, async (route) => {
    asked.push({ url: route.request().url(), firstViewShown: await page.locator(shown).count() > 0 });
    askedOnce();
    await held;
    await route.continue();
  });
  return { release, asked, firstAsk };
}

// Markup without Leptos's empty comment markers (nor the empty style a
// screenshot leaves on an input), to compare the two views.
/** The markup of `selector`, without what the app adds once it has the index (who cites the post). */
const markup = (page, selector) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const copy = el.cloneNode(true);
      copy.querySelectorAll('.cited-by').forEach((c) => c.remove());
      return copy.outerHTML.replace(/<!---->/g, '').replaceAll(' style=""', '');
    });

/** The markup of each of `parts` inside `root` (null for a part that is not there). */
async function partsOf(page, root, parts) {
  const out = {};
  for (const part of parts) {
    out[part] = (await page.locator(`${root} ${part}`).count()) ? await markup(page, `${root} ${part}`) : null;
  }
  return out;
}

test('a linked post is read before the app downloads; the app then takes it over in place', async () => {
  const page = await newPage(browser, { width: 390, height: 700 });
  const app = await holdApp(page);
  await page.goto(`${server.base}#/post/${POST}`);
  const view = page.locator('[data-first-view]');
  await view.locator('.post-body h2').first().waitFor();

  // The whole post, as the app shows it: title, table of entries, every entry heading.
  const entry = index.posts.find((p) => `${p.path}` === `${POST}.md`);
  assert.ok(entry, 'the post is in the index');
  assert.equal(await view.locator('h1.post-title').textContent(), entry.title);
  assert.equal(await view.locator('.toc li').count(), entry.entries.length);
  assert.equal(await view.locator('.post-body h2').count(), entry.entries.length);
  assert.equal(await page.title(), `${entry.title} · ${siteTitle()}`);
  assert.equal(await page.locator('#boot').count(), 0, 'the loading line is gone');
  assert.ok(app.asked.every((a) => a.firstViewShown), 'the app is only requested once the post is on screen');
  await page.screenshot({ path: path.join(shots, 'first-view-390.png') });

  const siteHeader = await markup(page, '[data-first-view] .site-header');
  const postHead = await markup(page, '[data-first-view] .post-head');
  await page.evaluate(() => {
    document.querySelector('[data-first-view] .post-body h2').probe = 'moved, not rebuilt';
    // A reader with the keyboard in the body: the focus stays where it is.
    const link = document.querySelector('[data-first-view] .post-body a[href]');
    link.probe = 'focused';
    link.focus({ preventScroll: true });
    window.scrollTo(0, 600);
  });

  app.release();
  await view.waitFor({ state: 'detached' });
  assert.equal(await page.locator('.papershelf').count(), 1, 'one viewer on the page');
  assert.ok(await page.locator('.papershelf .post-body h2').first().isVisible(), 'the app is shown');
  assert.equal(
    await page.evaluate(() => document.querySelector('.papershelf .post-body h2').probe),
    'moved, not rebuilt',
    "the app took the first view's body nodes over",
  );
  assert.equal(await page.evaluate(() => window.scrollY), 600, 'the reader stays where they were');
  assert.equal(await page.evaluate(() => document.activeElement.probe), 'focused', 'the focus stays on the same link');
  assert.equal(await markup(page, '.site-header'), siteHeader, 'the site header does not change');
  assert.equal(await markup(page, '.post-head'), postHead, 'the post header does not change');

  // The app is working: its older/newer links arrive with the index, a tag filters.
  await page.locator('.post-nav a').first().waitFor();
  await page.locator('.toc a.tag').first().click();
  await page.locator('.result-count').waitFor();
  page.assertClean();
});

test('a link followed in the first view is where the app opens; the first view keeps the theme', async () => {
  const page = await newPage(browser, { colorScheme: 'light' });
  await page.addInitScript(() => localStorage.setItem('papershelf / theme', 'dark'));
  const app = await holdApp(page);
  await page.goto(`${server.base}#/post/${POST}`);
  const view = page.locator('[data-first-view]');
  await view.locator('.post-body h2').first().waitFor();
  assert.equal(await view.getAttribute('data-theme'), 'dark');
  assert.equal(await view.locator('.theme-toggle').getAttribute('aria-label'), w.get('theme.dark'));

  // Keyboard: "Skip to content" focuses the page and keeps the route.
  const before = page.url();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'MAIN');
  assert.equal(page.url(), before);

  // The table of entries scrolls to its headings before the app is there.
  const entryLink = view.locator('.toc li > a:not(.tag)').nth(2);
  const anchor = new URL((await entryLink.getAttribute('href')).slice(1), 'x:/').searchParams.get('id');
  await entryLink.click();
  await page.waitForFunction((id) => {
    const el = document.getElementById(id) ?? document.getElementById(`user-content-${id}`);
    const top = el.getBoundingClientRect().top;
    return top >= 0 && top < 50;
  }, anchor);

  // A tag followed before the app arrives: the app opens the filtered list.
  const tag = (await view.locator('.toc a.tag').first().textContent()).toLowerCase();
  await view.locator('.toc a.tag').first().click();
  app.release();
  await view.waitFor({ state: 'detached' });
  await page.locator('.result-count').waitFor();
  assert.ok(page.url().includes(`tags=${encodeURIComponent(tag)}`), page.url());
  // The focus was on the tag in the first view's header, which is gone: the app's page has it.
  assert.ok(await page.evaluate(() => document.activeElement.matches('.papershelf main')));
  assert.equal(await page.locator('.papershelf').getAttribute('data-theme'), 'dark');
  assert.equal(await page.locator('.papershelf').count(), 1);
  page.assertClean();
});

test('a linked post with math shows its formulas at once from its drawing; without one the app draws them', async () => {
  const math = 'papers/y2025/jan/20250115';
  // Drawn ahead by `papershelf index` (which renders math): formulas from the start.
  let page = await newPage(browser);
  let app = await holdApp(page);
  await page.goto(`${server.base}#/post/${math}`);
  let view = page.locator('[data-first-view]');
  await view.locator('.post-body math[display="block"]').first().waitFor();
  assert.equal(await view.locator('.post-body code[data-ps-math]').count(), 0, 'no TeX placeholder left');
  const formulas = await view.locator('.post-body math').count();
  app.release();
  await view.waitFor({ state: 'detached' });
  assert.equal(await page.locator('.papershelf .post-body math').count(), formulas, 'the app keeps them');
  page.assertClean();
  await page.close();

  // Without the drawing there is no first view: the app draws the post, formulas and all.
  page = await newPage(browser);
  await page.route(/\/content\/_papershelf\/drawn\//, (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(`${server.base}#/post/${math}`);
  await page.locator('.papershelf .post-body math[display="block"]').first().waitFor();
  assert.equal(await page.evaluate(() => performance.getEntriesByName('papershelf:first-view').length), 0, 'no first view');
  assert.equal(await page.locator('.post-body code[data-ps-math]').count(), 0, 'every placeholder drawn');
  assert.equal(await page.locator('.papershelf .post-body math').count(), formulas, 'the same formulas');
  page.assertClean();
});

test('a linked post drawn ahead is shown without the Markdown parser, as the app draws it from its text; a drawing of other text, or off the allow-list, never is', async () => {
  const url = `${server.base}#/post/${POST}`;
  const drawnUrl = /\/content\/_papershelf\/drawn\/papers\/y2025\/nov\/20251106\.json$/;
  const drawing = JSON.parse(fs.readFileSync(path.join(dist, `content/_papershelf/drawn/${POST}.json`), 'utf8'));
  const entry = index.posts.find((p) => p.path === `${POST}.md`);
  assert.equal(drawing.hash, entry.hash, 'drawn from the text the index names');

  /** The post with `changed` (a drawing) served for its drawing: its first view, if
   * one is drawn (else the app's page); the modules asked for. */
  const open = async (changed) => {
    const page = await newPage(browser, { width: 390, height: 700 });
    const asked = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    if (changed) await page.route(drawnUrl, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(changed) }));
    const app = await holdApp(page);
    await page.goto(url);
    if (changed) {
      // Refused: no first view; the app, once let go, draws the post.
      await app.firstAsk;
      app.release();
      await appShown(page);
    } else {
      await page.locator('[data-first-view] .post-body h2').first().waitFor();
    }
    const modules = ['lists'].filter((m) => asked.some((p) => p.includes(`/papershelf-${m}-`)));
    // How the boot code drew it (its mark says).
    const how = await page.evaluate(() => performance.getEntriesByName('papershelf:first-view')[0]?.detail);
    return { page, app, modules, how };
  };

  // As built: the lists module draws it. The first image is asked for as
  // soon as the drawing names it, once.
  let { page, app, modules, how } = await open(null);
  assert.deepEqual(modules, ['lists']);
  assert.equal(how, 'drawn ahead');
  assert.ok(drawing.image?.startsWith('content/'), 'the drawing names the first image');
  assert.equal(await page.evaluate(() => document.querySelector('link[rel="preload"][as="image"]')?.getAttribute('href')), drawing.image);
  await page.locator('[data-first-view] .post-body img').first().evaluate((img) => img.decode());
  const images = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));
  assert.equal(images.filter((p) => p.endsWith(`/${drawing.image}`)).length, 1, 'downloaded once');
  assert.equal(await page.locator('[data-first-view] .post-body h2').count(), entry.entries.length);
  const drawn = await markup(page, '[data-first-view] .post-body');
  const head = await markup(page, '[data-first-view] .post-head');
  await page.close();

  // A drawing of other text is not used: the app draws the post from its
  // text, markup for markup what the first view drew (no first view taken over).
  ({ page, app, modules, how } = await open({ ...drawing, hash: '0000000000000000' }));
  assert.equal(how, undefined, 'no first view');
  assert.equal(await markup(page, '.papershelf .post-body'), drawn, 'the app draws what was drawn ahead');
  assert.equal(await markup(page, '.papershelf .post-head'), head, 'and the same header');
  page.assertClean();
  await page.close();

  // A drawing with anything the renderer never writes is not shown at all, and nothing in it runs.
  const bad = [
    ['img', ['src', { kind: 'external', url: 'data:,' }, 'onerror', 'window.__ran = 1']],
    ['script', [], 'window.__ran = 1'],
    ['a', ['href', { kind: 'external', url: 'javascript:window.__ran = 1' }], 'x'],
  ];
  for (const node of bad) {
    ({ page, app, modules, how } = await open({ ...drawing, body: [node, ...drawing.body] }));
    assert.equal(how, undefined, `refused, the app drew it: ${JSON.stringify(node)}`);
    assert.equal(await markup(page, '.papershelf .post-body'), drawn);
    assert.equal(await page.evaluate(() => window.__ran), undefined, 'nothing in it ran');
    page.assertClean();
    await page.close();
  }
});

test('an app that cannot start leaves the post readable and says what happened', async () => {
  const page = await newPage(browser);
  await page.route(/papershelf-app-[0-9a-f]+_bg\.wasm$/, (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(`${server.base}#/post/${POST}`);
  await page.getByRole('alert').filter({ hasText: w.get('error.start').split('{why}')[0].replace('{site}', siteTitle()) }).waitFor();
  assert.ok(await page.locator('[data-first-view] .post-body h2').first().isVisible(), 'the post is still there');
  page.assertClean();
});

test('without the first view\'s modules the app shows the post itself', async () => {
  const page = await newPage(browser);
  await page.route(/papershelf-lists-/, (route) => route.abort());
  await page.goto(`${server.base}#/post/${POST}`);
  await page.locator('.papershelf .post-body h2').first().waitFor();
  assert.equal(await page.locator('[data-first-view]').count(), 0);
  assert.equal(await page.locator('.papershelf').count(), 1);
  assert.ok(await page.locator('h1.post-title').isVisible());
  page.assertClean();
});

test('the home page is drawn by the lists module from _papershelf/front.json, before the app and the index; the app takes it over unchanged', async () => {
  const requests = [];
  const srv = await serve(undefined, { requests });
  const page = await newPage(browser, { width: 390, height: 700 });
  const app = await holdApp(page, '[data-first-view] .post-item');
  const indexAsked = [];
  await page.route(/content\/index\.json$/, async (route) => {
    indexAsked.push(await page.locator('[data-first-view] .post-item').count() > 0);
    await route.continue();
  });
  await page.goto(srv.base);
  const view = page.locator('[data-first-view]');
  await view.locator('.post-item').first().waitFor();

  // The newest posts and every facet, counted over the whole index.
  const front = JSON.parse(fs.readFileSync(path.join(dist, 'content', '_papershelf', 'front.json'), 'utf8'));
  assert.equal(front.total, index.posts.length);
  assert.deepEqual(
    await view.locator('.post-item a.post-title').allTextContents(),
    index.posts.slice(0, 30).map((p) => p.title),
  );
  assert.equal(await view.locator('.result-count').textContent(), w.count('count.posts', index.posts.length));
  const facets = await view.locator('.facet').evaluateAll((all) => all.map((b) => [b.dataset.tag, Number(b.querySelector('.count').textContent)]));
  assert.deepEqual(facets, front.facets.slice(0, 24).map(([t, n]) => [t.toLowerCase(), n]));
  assert.ok(facets.length > 0);
  assert.equal(await view.locator('.site-nav a[aria-current="page"]').textContent(), w.get('nav.posts'));
  assert.equal(await page.locator('#boot').count(), 0, 'the loading line is gone');
  assert.ok(requests.some((r) => r.endsWith('/content/_papershelf/front.json')), 'the front was asked for');
  assert.equal(requests.filter((r) => /\/papershelf-lists-[0-9a-f]+_bg\.wasm$/.test(r)).length, 1, 'the lists module drew it, downloaded once');
  // The page itself asks for the lists module (its preload is what the boot script takes).
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const wasm = /<link rel="preload" as="fetch" href="\.\/(papershelf-lists-[0-9a-f]+_bg\.wasm)" crossorigin data-first-visit>/.exec(html)?.[1];
  assert.ok(wasm && requests.some((r) => r.endsWith(`/${wasm}`)), 'index.html preloads the lists module');
  assert.ok(/<link rel="modulepreload" href="\.\/papershelf-lists-[0-9a-f]+\.js" data-first-visit>/.test(html));
  assert.equal(await page.locator('head > link[data-first-visit]').count(), 2, 'a first visit (no worker in control) adds the preloads from their template');
  assert.ok(indexAsked.every((shown) => shown), 'the whole index waits until the list is shown');
  await app.firstAsk;
  assert.ok(app.asked.every((a) => a.firstViewShown), 'the app is only requested once the list is on screen');
  await page.screenshot({ path: path.join(shots, 'first-view-home-390.png') });

  const parts = ['.site-header', '.filters', '.result-count', '.post-list', '.show-more'];
  const before = await partsOf(page, '[data-first-view]', parts);
  await page.evaluate(() => {
    document.querySelector('[data-first-view] .post-item a.post-title').probe = 'first view';
  });
  // A reader on a link when the app takes over stays on that link.
  const second = view.locator('.post-item a.post-title').nth(1);
  const secondHref = await second.getAttribute('href');
  await second.focus();
  await page.evaluate(() => window.scrollTo(0, 300));
  app.release();
  await view.waitFor({ state: 'detached' });
  assert.deepEqual(indexAsked, [true], 'the whole index was loaded, once');
  assert.equal(await page.locator('.papershelf').count(), 1, 'one viewer on the page');
  assert.equal(await page.evaluate(() => document.querySelector('.post-item a.post-title').probe), undefined, "the app's own list");
  assert.deepEqual(await partsOf(page, '.papershelf', parts), before, 'nothing changes when the app takes over');
  assert.equal(await page.evaluate(() => window.scrollY), 300, 'the reader stays where they were');
  assert.ok(await page.evaluate((h) => document.activeElement.matches(`.papershelf .post-item a.post-title[href="${h}"]`), secondHref), 'the focus is on the same link');

  // The app is working: a facet filters.
  await page.locator('.facet').first().click();
  await page.locator('.filters .chip').waitFor();
  page.assertClean();
  await srv.close();
});

test('the papers page is drawn by the lists module from _papershelf/front.json too; the app takes it over unchanged', async () => {
  const page = await newPage(browser, { width: 390, height: 700 });
  const app = await holdApp(page, '[data-first-view] .paper-card');
  await page.goto(`${server.base}#/papers`);
  const view = page.locator('[data-first-view]');
  await view.locator('.paper-card').first().waitFor();

  // One page of cards, counted and faceted over every paper of the index.
  const { papers } = expectedCounts(index, []);
  assert.equal(await view.locator('.paper-card').count(), Math.min(40, papers));
  assert.equal(await view.locator('.result-count').textContent(), w.count('count.papers', papers));
  assert.equal(await view.locator('.site-nav a[aria-current="page"]').textContent(), w.get('nav.papers'));
  assert.equal(await page.title(), `${w.get('title.papers')} · ${siteTitle()}`);
  const firstFacet = view.locator('.facet').first();
  const n = Number(await firstFacet.locator('.count').textContent());
  assert.equal(await firstFacet.evaluate((b) => b.textContent), `${await firstFacet.getAttribute('data-tag')} ${n}${w.count('unit.papers', n)}`);
  assert.ok(app.asked.every((a) => a.firstViewShown), 'the app is only requested once the cards are on screen');
  await page.screenshot({ path: path.join(shots, 'first-view-papers-390.png') });

  // The same cards, reviews, facets and counts as the app draws from the whole index.
  const parts = ['.site-header', '.filters', '.result-count', '.paper-list', '.show-more'];
  const before = await partsOf(page, '[data-first-view]', parts);
  assert.ok(before['.paper-list'].includes('class="review-link"'), 'cards link to their reviews');
  app.release();
  await view.waitFor({ state: 'detached' });
  assert.equal(await page.locator('.papershelf').count(), 1, 'one viewer on the page');
  assert.deepEqual(await partsOf(page, '.papershelf', parts), before, 'nothing changes when the app takes over');
  page.assertClean();

  // A facet pressed before the app is there filters the papers (not the posts) once it is.
  const second = await newPage(browser);
  const held = await holdApp(second, '[data-first-view] .paper-card');
  await second.goto(`${server.base}#/papers`);
  const facet = second.locator('[data-first-view] .facet').first();
  await facet.waitFor();
  const tag = await facet.getAttribute('data-tag');
  await facet.click();
  assert.ok(second.url().endsWith(`#/papers?tags=${encodeURIComponent(tag)}`), second.url());
  held.release();
  await second.locator('.filters .chip').waitFor();
  const expected = expectedCounts(index, [tag]).papers;
  assert.equal(await second.locator('.result-count').textContent(), w.count('count.papers', expected));
  second.assertClean();
});

test('"Show more" and "N more tags" pressed on the first view of a list do what they say once the app is there', async () => {
  // A journal of 80 posts (more than a screen) and 27 tags (more than the filter shows).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'papershelf-journal-'));
  writeJournal(dir, 80);
  const indexed = spawnSync(path.join(root, 'target', 'release', 'papershelf'), ['index', dir], { encoding: 'utf8' });
  assert.equal(indexed.status, 0, indexed.stderr);
  const s = await serve(dist, { contentDir: dir });
  try {
    for (const [control, done] of [
      ['.show-more', () => document.querySelectorAll('.papershelf .post-item').length === 60],
      ['.more-tags', () => document.querySelector('.papershelf .more-tags')?.getAttribute('aria-expanded') === 'true'],
    ]) {
      const page = await newPage(browser, { width: 390, height: 700 });
      const app = await holdApp(page, '[data-first-view] .post-item');
      await page.goto(s.base);
      const view = page.locator('[data-first-view]');
      await view.locator(control).waitFor();
      assert.equal(await view.locator('.post-item').count(), 30);
      const facets = await view.locator('.facet').count();
      // Pressed before the app is there: the first view shows every tag
      // itself; it notes "Show more" for the app, which has the posts.
      await view.locator(control).click();
      if (control === '.more-tags') {
        assert.equal(await view.locator('.more-tags').getAttribute('aria-expanded'), 'true');
        assert.ok(await view.locator('.facet').count() > facets, 'every tag is shown at once');
        assert.ok(await page.evaluate(() => document.activeElement.matches('[data-first-view] .more-tags')), 'the focus stays on the button');
      } else {
        assert.equal(await view.locator('.post-item').count(), 30, 'the first view has no more posts to show');
      }
      app.release();
      await appShown(page);
      await page.waitForFunction(done);
      // The app's own control, found by the key the builder wrote, has the focus.
      assert.ok(await page.evaluate((c) => document.activeElement.matches(`.papershelf ${c}`), control), `the focus is on the app's ${control}`);
      page.assertClean();
      await page.close();
    }
  } finally {
    await s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a tag chosen, or words typed, on the first view of the home page are where the app opens', async () => {
  const page = await newPage(browser);
  let app = await holdApp(page, '[data-first-view] .post-item');
  await page.goto(`${server.base}#/`);
  const view = page.locator('[data-first-view]');
  const facet = view.locator('.facet').first();
  await facet.waitFor();
  const tag = await facet.getAttribute('data-tag');
  await facet.click();
  assert.ok(page.url().endsWith(`#/?tags=${encodeURIComponent(tag)}`), page.url());
  app.release();
  await view.waitFor({ state: 'detached' });
  await page.locator('.filters .chip').waitFor();
  assert.equal(await page.locator('.filters .chip').getAttribute('data-tag'), tag);
  const { posts: expected } = expectedCounts(index, [tag]);
  assert.equal(await page.locator('.result-count').textContent(), w.count('count.posts', expected));

  // Words typed before the app is there stay typed, with the focus on them.
  const second = await newPage(browser);
  app = await holdApp(second, '[data-first-view] .post-item');
  await second.goto(server.base);
  const box = second.locator('[data-first-view] .filters input');
  await box.waitFor();
  await box.pressSequentially('papers');
  app.release();
  await second.locator('[data-first-view]').waitFor({ state: 'detached' });
  assert.equal(await second.locator('.filters input').inputValue(), 'papers');
  assert.ok(await second.evaluate(() => document.activeElement.matches('.papershelf .filters input')), 'the focus is in the box');
  assert.ok(second.url().includes('q=papers'), second.url());

  // So do words typed into the header's search box: the app searches them.
  const third = await newPage(browser);
  app = await holdApp(third, '[data-first-view] .post-item');
  await third.goto(server.base);
  const search = third.locator('[data-first-view] .site-search input');
  await search.waitFor();
  await search.pressSequentially('grpo');
  app.release();
  await third.locator('[data-search-results][data-count][data-query="grpo"]').waitFor({ state: 'attached' });
  assert.ok(third.url().includes('#/search?q=grpo'), third.url());
  assert.equal(await third.locator('.site-search input').inputValue(), 'grpo');
  assert.ok(await third.evaluate(() => document.activeElement.matches('.papershelf .site-search input')), 'the focus is in the search box');
  page.assertClean();
  second.assertClean();
  third.assertClean();
});

test('a missing or damaged _papershelf/front.json leaves the list pages to the app', async () => {
  for (const answer of [{ status: 404, body: 'not found' }, { status: 200, body: '{"version":1,"total":3,"facets":[["a"]],"posts":[]}' }, { status: 200, body: '{"posts":' }]) {
    const page = await newPage(browser);
    await page.route(/content\/_papershelf\/front\.json$/, (route) => route.fulfill({ ...answer, contentType: 'application/json' }));
    await page.goto(server.base);
    await page.locator('.papershelf:not([data-first-view]) .post-item').first().waitFor();
    assert.equal(await page.locator('[data-first-view]').count(), 0, `no first view for ${answer.body}`);
    assert.equal(await page.locator('.post-item').count(), Math.min(30, index.posts.length));
    page.assertClean();
  }
  // A front written before it held the papers page's first screen: the app draws that page.
  const front = JSON.parse(fs.readFileSync(path.join(dist, 'content', '_papershelf', 'front.json'), 'utf8'));
  delete front.papers;
  const page = await newPage(browser);
  await page.route(/content\/_papershelf\/front\.json$/, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(front) }));
  await page.goto(`${server.base}#/papers`);
  await page.locator('.papershelf:not([data-first-view]) .paper-card').first().waitFor();
  assert.equal(await page.locator('[data-first-view]').count(), 0, 'no first view of the papers page');
  page.assertClean();
});

test('a paper link the URL-scheme allow-list refuses is no link, on the first view and in the app', async () => {
  // An index written by another tool may hold anything: a paper's URL is a link only if it is one.
  const front = JSON.parse(fs.readFileSync(path.join(dist, 'content', '_papershelf', 'front.json'), 'utf8'));
  const card = front.papers.cards[0];
  const title = card.title;
  card.url = 'javascript:window.__ran = 1';
  const whole = JSON.parse(fs.readFileSync(path.join(dist, 'content', 'index.json'), 'utf8'));
  for (const post of whole.posts) for (const entry of post.entries) if (entry.title === title) entry.url = card.url;
  const page = await newPage(browser);
  await page.route(/content\/_papershelf\/front\.json$/, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(front) }));
  await page.route(/content\/index\.json$/, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(whole) }));
  const app = await holdApp(page, '[data-first-view] .paper-card');
  await page.goto(`${server.base}#/papers`);
  const first = page.locator('[data-first-view] .paper-card').first();
  await first.waitFor();
  assert.equal(await first.locator('.paper-title').textContent(), title);
  assert.equal(await first.locator('.paper-link').count(), 0, 'no link');
  assert.equal(await first.locator('a[href^="javascript"]').count(), 0, 'anywhere on the card');
  assert.ok((await page.locator('[data-first-view] a.paper-link[href^="http"]').count()) > 0, 'the other papers keep theirs');
  await first.locator('.paper-tags').click();
  assert.equal(await page.evaluate(() => window.__ran), undefined);
  app.release();
  await appShown(page);
  const drawn = page.locator('.papershelf .paper-card', { has: page.locator('.paper-title', { hasText: title }) }).first();
  await drawn.waitFor();
  assert.equal(await drawn.locator('.paper-link').count(), 0, 'no link in the app either');
  assert.equal(await drawn.locator('a[href^="javascript"]').count(), 0);
  // Its page is there all the same (its key hashes the link it has here).
  assert.match(await drawn.locator('.paper-title a').getAttribute('href'), /^#\/paper\/[^/]+-[0-9a-f]{8}$/);
  page.assertClean();
});

test('a post longer than the reader takes (256 KB) is left to the app', async () => {
  const dir = copyDist();
  const entries = 40;
  const filler = 'VLM의 공간 지각을 따로 학습시키는 데이터셋. '.repeat(120);
  const text = ['# A very long review', ...Array.from({ length: entries }, (_, i) => `## ${i}. [Paper ${i}](https://arxiv.org/abs/2511.${10000 + i})\n\n${filler}\n`)].join('\n\n');
  assert.ok(Buffer.byteLength(text) > 256 * 1024, `${Buffer.byteLength(text)} bytes`);
  fs.writeFileSync(path.join(dir, 'content', 'long.md'), text);
  const srv = await serve(dir);
  try {
    const page = await newPage(browser);
    const app = await holdApp(page);
    await page.goto(`${srv.base}#/post/long`);
    // The boot script asks for the app once it has decided on a first view.
    await app.firstAsk;
    assert.equal(await page.locator('[data-first-view]').count(), 0, 'no first view');
    app.release();
    await page.locator('.post-body h2').nth(entries - 1).waitFor();
    assert.equal(await page.locator('h1.post-title').textContent(), 'A very long review');
    page.assertClean();
  } finally {
    await srv.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
