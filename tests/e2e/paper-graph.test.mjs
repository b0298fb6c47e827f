// The paper graph: a page per paper with every review of it, its BibTeX, and
// a post's BibTeX for all its papers. The sample site reviews SAM 3 twice,
// once by its arXiv abstract (2025-11-20) and once by its Hugging Face page
// (2025-11-24).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, newPage, shots, appShown, siteWords, waitUntil, copyDist } from './harness.mjs';

const w = siteWords();
const SAM = '2511.16719';

let server, browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('a paper reviewed in two posts, under two links, has one page with both reviews', async () => {
  const page = await newPage(browser, { width: 390, height: 900 });
  await page.goto(`${server.base}#/papers?q=sam`);
  await appShown(page);
  await page.waitForFunction(() => document.querySelectorAll('.paper-card').length === 1);
  const card = page.locator('.paper-card');
  assert.equal(await card.locator('.review-link').count(), 2, 'one card, two reviews');
  // The card's title leads to the paper's page; its own link, to the paper.
  assert.equal(await card.locator('.paper-title a').getAttribute('href'), `#/paper/${SAM}`);
  assert.equal(await card.locator('a.paper-link').getAttribute('href'), 'https://huggingface.co/papers/2511.16719');
  assert.equal(await card.locator('a.paper-link').textContent(), w.get('paper.source'));
  await card.locator('.paper-title a').click();
  await page.waitForURL(new RegExp(`#/paper/${SAM.replace('.', '\\.')}$`));
  await page.locator('.paper-page h1').waitFor();
  assert.equal(await page.locator('.paper-page h1').textContent(), 'SAM 3');
  assert.equal(await page.title(), `SAM 3 · ${(await page.evaluate(() => document.querySelector('meta[name="application-name"]').content))}`);
  // Where to read it.
  const sources = await page.locator('.paper-sources a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
  assert.deepEqual(sources, [
    [w.get('paper.abstract'), `https://arxiv.org/abs/${SAM}`],
    [w.get('paper.pdf'), `https://arxiv.org/pdf/${SAM}`],
    [w.get('paper.hf'), `https://huggingface.co/papers/${SAM}`],
  ]);
  assert.equal(await page.locator('.paper-page .tag').first().textContent(), 'meta');
  // Both reviews, newest first, each with its date, its entry and its first lines.
  assert.equal(await page.locator('.paper-reviews-title').textContent(), w.count('paper.reviews', 2));
  const reviews = page.locator('.paper-review');
  assert.equal(await reviews.count(), 2);
  assert.deepEqual(await reviews.locator('time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime'))), ['2025-11-24', '2025-11-20']);
  assert.deepEqual(await reviews.locator('a.review-post').evaluateAll((as) => as.map((a) => a.getAttribute('href'))), [
    '#/post/papers/y2025/nov/20251124?id=4-sam-3-meta',
    '#/post/papers/y2025/nov/20251120?id=2-sam-3-meta',
  ]);
  await page.waitForFunction(() => document.querySelectorAll('.paper-review .review-lead').length === 2);
  assert.match(await reviews.nth(0).locator('.review-lead').textContent(), /^코드가 공개되어 다시 읽음\./);
  assert.ok(!(await reviews.nth(0).locator('.review-lead').textContent()).includes('http'), 'text, not links');
  await page.screenshot({ path: path.join(shots, 'paper-page-390.png'), fullPage: true });
  // The review link opens the post at the entry.
  await reviews.nth(1).locator('a.review-post').click();
  await page.locator('h2#\\32 -sam-3-meta').waitFor();
  page.assertClean();
});

test("BibTeX: shown in a box to copy from, and copied by its button", async () => {
  const page = await newPage(browser);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.base).origin });
  await page.goto(`${server.base}#/paper/${SAM}`);
  const box = page.locator('.paper-page details.bibtex');
  await box.waitFor();
  assert.equal(await box.locator('pre').isVisible(), false, 'closed until asked for');
  await page.getByText(w.get('bibtex'), { exact: true }).click();
  const want = [
    `@misc{arxiv${SAM},`,
    '  title = {{SAM 3}},',
    `  eprint = {${SAM}},`,
    '  archivePrefix = {arXiv},',
    '  year = {2025},',
    '  month = {nov},',
    `  url = {https://arxiv.org/abs/${SAM}},`,
    '}',
  ].join('\n');
  assert.equal(await box.locator('pre').textContent(), want);
  await page.getByRole('button', { name: w.get('bibtex.copy') }).click();
  await waitUntil(page, async (text) => (await navigator.clipboard.readText()) === text, want);
  await page.locator('#copy-status', { hasText: w.get('bibtex.copied') }).waitFor({ state: 'attached' });
  page.assertClean();
});

test("a post gives the BibTeX of all its papers at once", async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}#/post/papers/y2025/nov/20251124`);
  await appShown(page);
  const box = page.locator('.post details.bibtex');
  await box.waitFor({ state: 'attached' });
  assert.equal(await box.locator('summary').textContent(), w.get('bibtex.post'));
  const bib = await box.locator('pre').textContent();
  assert.equal((bib.match(/^@misc\{/gm) ?? []).length, 4, bib);
  assert.match(bib, /title = \{\{Olmo 3\}\},\n {2}url = \{https:\/\/allenai\.org\/blog\/olmo3\},/);
  assert.match(bib, /eprint = \{2511\.10647\}/);
  page.assertClean();
});

test('a paper no review names says so, and links to every paper', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}#/paper/2511.99999`);
  await page.getByRole('heading', { name: w.get('paper.missing') }).waitFor();
  assert.equal(await page.locator('.not-found code').textContent(), '2511.99999');
  await page.locator('.not-found a[href="#/papers"]').click();
  await page.locator('.paper-card').first().waitFor();
  // An address that cannot name a paper is the not-found page's.
  await page.goto(`${server.base}#/paper/..%2Fpost`);
  await page.getByRole('heading', { name: w.get('page.missing') }).waitFor();
  page.assertClean();
});

for (const how of ['first view', 'app']) {
  test(`the papers page shows the papers reviewed more than once, at a press (${how})`, async () => {
    const page = await newPage(browser);
    await page.goto(`${server.base}#/papers`);
    if (how === 'app') await appShown(page);
    else await page.locator('[data-first-view] .filters').waitFor();
    const toggle = page.getByRole('button', { name: new RegExp(`^${w.get('papers.again')}`) });
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    assert.equal(await toggle.locator('.count').textContent(), '1', 'SAM 3 alone');
    await toggle.click();
    await page.waitForURL(/#\/papers\?again=1$/);
    await appShown(page);
    await page.waitForFunction(() => document.querySelectorAll('.paper-card').length === 1);
    assert.equal(await page.locator('.paper-card .paper-title').textContent(), 'SAM 3');
    assert.equal(await page.locator('.result-count').textContent(), w.count('count.papers', 1));
    const pressed = page.getByRole('button', { name: new RegExp(`^${w.get('papers.again')}`) });
    assert.equal(await pressed.getAttribute('aria-pressed'), 'true');
    assert.ok(await pressed.evaluate((b) => b === document.activeElement), 'the focus stays on the toggle');
    // Again: every paper.
    await pressed.click();
    await page.waitForURL(/#\/papers$/);
    await page.waitForFunction(() => document.querySelectorAll('.paper-card').length > 1);
    page.assertClean();
  });
}

test('a citing post appears under the cited entry, with its sentence and the link text marked', async () => {
  const page = await newPage(browser, { width: 390, height: 900 });
  await page.goto(`${server.base}#/post/papers/y2025/nov/20251106?id=0-visual-spatial-tuning`);
  await appShown(page);
  const aside = page.locator('.post-body aside.cited-by');
  await aside.waitFor();
  assert.equal(await aside.count(), 1);
  // In the cited entry's section: after its heading, before the next entry's.
  const where = await aside.evaluate((a) => {
    let h = a.previousElementSibling;
    while (h && h.tagName !== 'H2') h = h.previousElementSibling;
    let n = a.nextElementSibling;
    while (n && n.tagName !== 'H2') n = n.nextElementSibling;
    return [h?.id, n?.id];
  });
  assert.deepEqual(where, ['0-visual-spatial-tuning', '1-visual-sketchpad-benchmarks-bytedance']);
  assert.equal(await aside.locator('.cited-title').textContent(), `${w.get('cited.title')}1`);
  const item = aside.locator('.citation');
  assert.equal(await item.locator('a.citation-post').textContent(), '2025-11-24 papers review');
  assert.equal(await item.locator('a.citation-post').getAttribute('href'), '#/post/papers/y2025/nov/20251124?id=2-depth-anything-3-bytedance');
  assert.equal(await item.locator('.citation-text').textContent(), '이전 글의 공간 튜닝 논문과 같은 흐름.');
  assert.equal(await item.locator('.citation-text mark').textContent(), '공간 튜닝 논문');
  await aside.screenshot({ path: path.join(shots, 'cited-by-390.png') });
  // A post nothing cites asks for no list.
  const asked = [];
  page.on('request', (r) => asked.push(r.url()));
  await page.goto(`${server.base}#/post/papers/y2025/nov/20251124`);
  await page.locator('.post-nav').waitFor();
  assert.equal(await page.locator('.cited-by').count(), 0);
  assert.ok(!asked.some((u) => u.includes('_papershelf/cited/')), asked.join('\n'));
  page.assertClean();
});

test('a post cited many times shows the newest 20 and "show all"', async () => {
  const dir = copyDist();
  const post = 'papers/y2025/nov/20251120.md';
  const index = JSON.parse(fs.readFileSync(path.join(dir, 'content', 'index.json'), 'utf8'));
  index.posts.find((p) => p.path === post).cited = 500;
  fs.writeFileSync(path.join(dir, 'content', 'index.json'), JSON.stringify(index));
  const citations = Array.from({ length: 500 }, (_, i) => ({
    from: 'papers/y2025/nov/20251124.md',
    title: `Citing post ${i}`,
    date: '2025-11-24',
    before: `Sentence ${i} cites `,
    text: 'the review',
    after: ' here.',
  }));
  fs.writeFileSync(path.join(dir, 'content', '_papershelf', 'cited', 'papers', 'y2025', 'nov', '20251120.json'), JSON.stringify({ version: 1, citations }));
  const srv = await serve(dir);
  try {
    const page = await newPage(browser);
    await page.goto(`${srv.base}#/post/papers/y2025/nov/20251120`);
    await appShown(page);
    const aside = page.locator('.post-body > aside.cited-by');
    await aside.waitFor();
    assert.equal(await aside.locator('.citation:visible').count(), 20);
    assert.equal(await aside.locator('.citation:visible').first().locator('a').textContent(), 'Citing post 0', 'newest first, as written');
    await aside.getByRole('button', { name: w.count('cited.all', 500) }).click();
    assert.equal(await aside.locator('.citation:visible').count(), 500);
    assert.equal(await aside.locator('button.show-all').count(), 0);
    page.assertClean();
  } finally {
    await srv.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a paper's own page (paper/<id>/, written by publish) opens the app at the paper", async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}paper/${SAM}/`);
  await page.waitForURL(new RegExp(`/#/paper/${SAM.replace('.', '\\.')}$`));
  await page.locator('.paper-page h1').waitFor();
  assert.equal(await page.locator('.paper-page h1').textContent(), 'SAM 3');
  // Its links work from the root, as the page's <base> makes them.
  await page.locator('.paper-review a.review-post').first().click();
  await page.waitForURL(/#\/post\/papers\/y2025\/nov\/20251124\?id=4-sam-3-meta$/);
  await page.locator('h2#\\34 -sam-3-meta').waitFor();
  page.assertClean();
});
