// Full-text search as readers meet it: the header's search box (and its
// shortcuts), results as they type, Korean with particles, search combined
// with tags, a result opening its paper entry, hostile queries, a missing or
// damaged index, and search inside an embedded viewer. The counts are
// checked against `papershelf search` (the same core, natively) and against
// the posts' own text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, launch, newPage, shots, root, dist, distIndex, copyDist, expectedCounts, appShown, siteWords } from './harness.mjs';

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

/** What `papershelf search` answers for `query` over the served content. */
function cli(query) {
  const bin = path.join(root, 'target', 'release', 'papershelf');
  return JSON.parse(execFileSync(bin, ['search', path.join(dist, 'content'), query, '--json'], { encoding: 'utf8' }));
}

/** The results element once the search for `query` is complete. */
async function results(scope, query) {
  const el = scope.locator('[data-search-results][data-count]').and(scope.locator(`[data-query="${query.replaceAll('"', '\\"')}"]`));
  // The list may be empty (and so not visible): attached is enough.
  await el.first().waitFor({ state: 'attached' });
  return el.first();
}

async function count(scope, query) {
  const el = await results(scope, query);
  return Number(await el.getAttribute('data-count'));
}

/** Posts whose Markdown holds `word` (outside URLs), from the files themselves. */
function postsContaining(word) {
  return distIndex().posts.filter((p) => {
    const text = fs.readFileSync(path.join(dist, 'content', p.path), 'utf8').replace(/\]\([^)]*\)/g, ']');
    return text.normalize('NFC').toLowerCase().includes(word);
  }).length;
}

test('/ focuses the search box; results follow the typing without Enter; Escape leaves the box', async () => {
  const page = await newPage(browser);
  await page.goto(server.base);
  await appShown(page);
  await page.locator('.post-item').first().waitFor();
  await page.keyboard.press('/');
  const box = page.getByRole('searchbox', { name: w.get('search.label') });
  assert.ok(await box.evaluate((el) => el === document.activeElement), '/ focuses the box');
  await page.keyboard.type('grpo', { delay: 40 });
  const n = await count(page, 'grpo');
  assert.equal(n, cli('grpo').count, 'the browser finds what the CLI finds');
  assert.ok(n >= 2);
  assert.match(page.url(), /#\/search\?q=grpo$/);
  // Every hit's snippet marks the word, as text.
  const marks = await page.locator('.search-hit mark').allTextContents();
  assert.ok(marks.length > 0 && marks.every((m) => m.toLowerCase().startsWith('grpo')), marks.join('|'));
  await page.keyboard.press('Escape');
  assert.ok(await box.evaluate((el) => el !== document.activeElement), 'Escape leaves the box');
  assert.equal(await box.inputValue(), 'grpo', 'and keeps what it holds');
  // `/` typed in a field is a slash; Ctrl-K focuses the box from anywhere.
  await page.goto(`${server.base}#/papers`);
  await page.locator('.filters input[type=search]').fill('a/b');
  assert.equal(await page.locator('.filters input[type=search]').inputValue(), 'a/b');
  await page.locator('h1').click();
  await page.keyboard.press('Control+k');
  assert.ok(await box.evaluate((el) => el === document.activeElement), 'Ctrl-K focuses the box');
  // Back and forward keep the search; reload too.
  await page.goto(`${server.base}#/search?q=grpo`);
  assert.equal(await count(page, 'grpo'), n);
  await page.reload();
  assert.equal(await count(page, 'grpo'), n);
  assert.equal(await box.inputValue(), 'grpo');
  await page.screenshot({ path: path.join(shots, 'search-1280.png') });
  page.assertClean();
  await page.close();
});

test('a Korean word matches with any particle, inside compounds, and typed decomposed', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}#/search?q=${encodeURIComponent('모델')}`);
  const model = await count(page, '모델');
  assert.equal(model, postsContaining('모델'), 'every post whose text has 모델');
  assert.equal(model, cli('모델').count);
  for (const q of ['모델을', '모델은', '모델에서']) {
    await page.goto(`${server.base}#/search?q=${encodeURIComponent(q)}`);
    assert.equal(await count(page, q), model, `${q}: a particle typed does not narrow`);
  }
  // Decomposed Hangul (as macOS may give it) is the same word.
  const nfd = '모델'.normalize('NFD');
  const box = page.getByRole('searchbox', { name: w.get('search.label') });
  await box.fill(nfd);
  assert.equal(await count(page, nfd), model);
  // An English term with a particle attached is found by the term.
  await page.goto(`${server.base}#/search?q=lora`);
  const lora = await count(page, 'lora');
  assert.equal(lora, postsContaining('lora'));
  await page.goto(`${server.base}#/search?q=${encodeURIComponent('LoRA는')}`);
  assert.equal(await count(page, 'LoRA는'), lora);
  // A quoted phrase must stand together.
  const phrase = '"시각적 사고"';
  await page.goto(`${server.base}#/search?q=${encodeURIComponent(phrase)}`);
  assert.equal(await count(page, phrase), postsContaining('시각적 사고'));
  await page.screenshot({ path: path.join(shots, 'search-korean-1280.png') });
  page.assertClean();
  await page.close();
});

test('search combines with the tag filter; a sub-result opens its paper entry', async () => {
  const page = await newPage(browser);
  const index = distIndex();
  const found = new Set(cli('모델').posts.map((p) => p.path));
  const tagged = (p) => new Set([...p.tags, ...p.entries.flatMap((e) => e.tags)].map((t) => t.toLowerCase()));
  const expected = index.posts.filter((p) => found.has(p.path) && tagged(p).has('google')).length;
  assert.ok(expected > 0 && expected < found.size, 'the tag narrows the search');
  assert.ok(expectedCounts(index, ['google']).posts >= expected);
  await page.goto(`${server.base}#/search?q=${encodeURIComponent('모델')}&tags=google`);
  assert.equal(await count(page, '모델'), expected);
  await page.locator('.chip', { hasText: 'google' }).waitFor();
  // Removing the tag widens it again.
  await page.locator('.chip', { hasText: 'google' }).click();
  assert.equal(await count(page, '모델'), found.size);
  assert.doesNotMatch(page.url(), /tags=/);
  // Open the first entry that matched.
  const sub = page.locator('.sub-result > a').first();
  const title = (await sub.textContent()).trim();
  const href = await sub.getAttribute('href');
  assert.match(href, /^#\/post\/.+\?id=.+/);
  await sub.click();
  const heading = page.getByRole('heading', { level: 2, name: new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });
  await heading.waitFor();
  await page.waitForFunction((id) => {
    const el = document.getElementById(id);
    const r = el && el.getBoundingClientRect();
    return r && r.top >= -2 && r.top < innerHeight / 2;
  }, decodeURIComponent(href.split('?id=')[1]));
  // Back returns to the results.
  await page.goBack();
  assert.equal(await count(page, '모델'), found.size);
  page.assertClean();
  await page.close();
});

test('hostile and odd queries give an answer and never run anything', async () => {
  const page = await newPage(browser);
  await page.goto(server.base);
  await appShown(page);
  await page.locator('.post-item').first().waitFor();
  const box = page.getByRole('searchbox', { name: w.get('search.label') });
  const queries = [
    '을를',
    '...!?',
    '모',
    'g',
    '모델 '.repeat(400).trim(), // 1,199 characters
    '<img src=x onerror="window.__pwned=1">',
    '"언어 모델',
    '(.*)+[a-z]{2,}$',
    'GRPO로 강화학습 policy',
  ];
  for (const q of queries) {
    await box.fill(q);
    const n = await count(page, q.trim());
    assert.ok(Number.isInteger(n) && n >= 0, `${q.slice(0, 20)}: a count`);
    const text = await page.locator('.result-count').textContent();
    assert.ok(n > 0 || text.startsWith(w.say('search.none', { query: q }).slice(0, 2)), `${q.slice(0, 20)}: results or "nothing found"`);
  }
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no script from a query runs');
  assert.equal(await page.locator('.page img[src=x]').count(), 0);
  // An empty query says what to type.
  await box.fill('');
  await page.locator('.result-count', { hasText: w.get('search.hint') }).waitFor();
  page.assertClean();
  await page.close();
});

test('a query fetches only the pieces it needs, and the engine only when asked', async () => {
  const requests = [];
  const srv = await serve(dist, { requests });
  try {
    const page = await newPage(browser);
    await page.goto(srv.base);
    await appShown(page);
    await page.locator('.post-item').first().waitFor();
    assert.ok(!requests.some((r) => /papershelf-search|\/search\//.test(r)), 'nothing of search before it is wanted');
    await page.getByRole('searchbox', { name: w.get('search.label') }).focus();
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /papershelf-search-.*\.wasm/.test(e.name)));
    await page.keyboard.type('grpo');
    await count(page, 'grpo');
    const manifest = JSON.parse(fs.readFileSync(path.join(dist, 'content', '_papershelf', 'search', 'manifest.json'), 'utf8'));
    const pieces = requests.filter((r) => r.endsWith('.bin'));
    assert.ok(pieces.length >= 1 && pieces.length < manifest.pieces.length, `${pieces.length} of ${manifest.pieces.length} pieces`);
    page.assertClean();
    await page.close();
  } finally {
    await srv.close();
  }
});

test('a missing or damaged search index says so, offers a retry, and the rest works', async () => {
  const dir = copyDist();
  const searchDir = path.join(dir, 'content', '_papershelf', 'search');
  const manifestPath = path.join(searchDir, 'manifest.json');
  const manifest = fs.readFileSync(manifestPath);
  fs.rmSync(manifestPath);
  const srv = await serve(dir);
  try {
    const page = await newPage(browser);
    await page.goto(`${srv.base}#/search?q=grpo`);
    const alert = page.locator('.error-box');
    await alert.waitFor();
    assert.ok((await alert.textContent()).startsWith(w.get('search.no-index').split('{url}')[0]));
    assert.match(await alert.textContent(), /papershelf index/);
    // Put it back: the retry finds it.
    fs.writeFileSync(manifestPath, manifest);
    await page.getByRole('button', { name: w.get('retry') }).click();
    assert.equal(await count(page, 'grpo'), cli('grpo').count);
    // The rest of the site works.
    await page.getByRole('link', { name: w.get('nav.posts'), exact: true }).click();
    await page.locator('.post-item').first().waitFor();
    // A damaged piece: every piece this query needs.
    const damaged = JSON.parse(manifest).pieces.map((p) => p.file);
    for (const f of damaged) fs.writeFileSync(path.join(searchDir, f), 'not a piece');
    const fresh = await newPage(browser);
    await fresh.goto(`${srv.base}#/search?q=${encodeURIComponent('강화학습')}`);
    await fresh.locator('.error-box').waitFor();
    assert.ok((await fresh.locator('.error-box').textContent()).startsWith(w.get('search.broken').split('{why}')[0]));
    assert.match(await fresh.locator('.error-box').textContent(), /damaged/);
    assert.ok(await fresh.getByRole('button', { name: w.get('retry') }).isVisible());
    // A piece that is not there at all.
    for (const f of damaged) fs.rmSync(path.join(searchDir, f));
    const third = await newPage(browser);
    await third.goto(`${srv.base}#/search?q=${encodeURIComponent('강화학습')}`);
    await third.locator('.error-box').waitFor();
    assert.ok((await third.locator('.error-box').textContent()).startsWith(w.get('search.piece').split('{why}')[0]));
    for (const p of [page, fresh, third]) {
      p.assertClean();
      await p.close();
    }
  } finally {
    await srv.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an embedded viewer has its own search box; the host page URL never changes', async () => {
  const app = await serve(undefined, { cors: true });
  const hostDir = fs.mkdtempSync(path.join(os.tmpdir(), 'papershelf-host-'));
  fs.writeFileSync(
    path.join(hostDir, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>host</title>
<input id="host-input" aria-label="host field">
<script type="module" src="${app.base}embed.js"></script>
<div style="width: 420px"><papershelf-viewer></papershelf-viewer></div>`,
  );
  const host = await serve(hostDir);
  try {
    const page = await newPage(browser);
    await page.goto(`${host.base}index.html`);
    const start = page.url();
    const viewer = page.locator('papershelf-viewer');
    await viewer.locator('.post-item').first().waitFor();
    // `/` on the host page is the host's.
    await page.locator('#host-input').focus();
    await page.keyboard.type('/');
    assert.equal(await page.locator('#host-input').inputValue(), '/');
    const box = viewer.getByRole('searchbox', { name: w.get('search.label') });
    await box.click();
    await page.keyboard.type('grpo');
    assert.equal(await count(viewer, 'grpo'), cli('grpo').count);
    assert.equal(page.url(), start, 'the host page URL is unchanged');
    await viewer.locator('.sub-result > a').first().click();
    await viewer.locator('.post-body h2').first().waitFor();
    assert.equal(page.url(), start);
    await page.screenshot({ path: path.join(shots, 'search-embed.png'), fullPage: true });
    page.assertClean();
  } finally {
    await host.close();
    await app.close();
    fs.rmSync(hostDir, { recursive: true, force: true });
  }
});

test('on a phone the search box has its own row and results fit the width', async () => {
  const page = await newPage(browser, { width: 390, height: 844 });
  await page.goto(`${server.base}#/search?q=${encodeURIComponent('모델')}`);
  await count(page, '모델');
  await page.locator('.search-hit .snippet').first().waitFor();
  const box = await page.getByRole('searchbox', { name: w.get('search.label') }).boundingBox();
  assert.ok(box.width > 300, `the box is ${box.width}px wide`);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'no sideways scrolling');
  await page.screenshot({ path: path.join(shots, 'search-390.png'), fullPage: false });
  page.assertClean();
  await page.close();
});
