// The reader's language: the sample site built twice, `language = "ko"` (as
// it is) and `language = "en"` (its papershelf.toml changed, indexed and
// published again: the page and its messages are the site's, not the
// build's). On every page type, the app's own words are the site
// language's and none of the other's, `<html lang>` and the viewer's root
// say it, dates are written its way, and axe finds nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import { serve, launch, newPage, appShown, copyDist, root, shots, siteWords } from './harness.mjs';

const PAGES = [
  ['home', '#/', '.post-item'],
  ['post', '#/post/papers/y2025/nov/20251106', '.post-body h2'],
  ['papers', '#/papers', '.paper-card'],
  ['tags', '#/tags', '.tag-table'],
  ['archive', '#/archive', '.archive-list'],
  ['search', `#/search?q=${encodeURIComponent('모델')}`, '.search-hit'],
  ['not-found', '#/no/such/page', '.not-found'],
];

let browser;
const sites = {};
before(async () => {
  browser = await launch();
  for (const lang of ['ko', 'en']) {
    const dir = copyDist();
    const settings = path.join(dir, 'content', 'papershelf.toml');
    fs.writeFileSync(settings, fs.readFileSync(settings, 'utf8').replace(/^language = .*$/m, `language = "${lang}"`));
    const cli = path.join(root, 'target', 'release', 'papershelf');
    execFileSync(cli, ['index', path.join(dir, 'content')], { stdio: 'pipe' });
    execFileSync(cli, ['publish', dir], { stdio: 'pipe' });
    sites[lang] = { dir, server: await serve(dir), words: siteWords(dir) };
  }
});
after(async () => {
  await browser?.close();
  for (const site of Object.values(sites)) {
    await site.server.close();
    fs.rmSync(site.dir, { recursive: true, force: true });
  }
});

/** What the app writes itself on the page: the text outside the posts' own
 * words (post bodies, titles, entries, tags, snippets), and its labels. */
const ownText = (page) =>
  page.evaluate(() => {
    const content = '.post-body, .post-title, .post-authors, .excerpt, .tag-description, .entries, .toc a, .tag, .paper-title, .paper-subtitle, .search-hit a, .snippet, .sub-result, .post-nav a, .brand, .not-found code, .review-link time, time';
    const out = [];
    const walk = (node) => {
      if (node.nodeType === Node.TEXT_NODE) {
        if (!node.parentElement.closest(content) && node.textContent.trim()) out.push(node.textContent.trim());
        return;
      }
      if (node.nodeType !== Node.ELEMENT_NODE || ['SCRIPT', 'STYLE', 'TEMPLATE'].includes(node.tagName)) return;
      for (const attr of ['aria-label', 'placeholder', 'title']) {
        if (node.hasAttribute(attr) && !node.closest(content)) out.push(node.getAttribute(attr));
      }
      for (const child of node.childNodes) walk(child);
    };
    walk(document.querySelector('.papershelf'));
    return out;
  });

for (const lang of ['ko', 'en']) {
  test(`a site in ${lang} reads ${lang} on every page, from the skip link to the last button`, async () => {
    const { server, words } = sites[lang];
    // axe needs a page of a context of its own.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    for (const [name, hash, ready] of PAGES) {
      await page.goto(`${server.base}${hash}`);
      await appShown(page);
      await page.locator(`.papershelf:not([data-first-view]) ${ready}`).first().waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang, `${name}: <html lang>`);
      assert.equal(await page.locator('.papershelf').getAttribute('lang'), lang, `${name}: the viewer's root`);
      const text = await ownText(page);
      assert.ok(text.length > 5, `${name}: ${text}`);
      // The words searched for are the reader's, not the app's.
      for (const piece of text.map((t) => t.replaceAll('모델', ''))) {
        if (lang === 'en') assert.doesNotMatch(piece, /[\uAC00-\uD7A3]/, `${name}: Korean in the English site: ${piece}`);
        else assert.doesNotMatch(piece, /\b(the|and|posts?|papers?|tags?|search|show|more|copy|link|theme|page|not found|skip|content|all|any|clear|remove|results?)\b/i, `${name}: English in the Korean site: ${piece}`);
      }
      await page.screenshot({ path: path.join(shots, `language-${lang}-${name}-390.png`) });
      if (name === 'home') {
        const dates = await page.locator('.post-item time.date').allTextContents();
        const iso = await page.locator('.post-item time.date').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
        assert.deepEqual(dates, iso.map((d) => words.date(d)));
        assert.match(dates[0], lang === 'ko' ? /^\d{4}년 \d{1,2}월 \d{1,2}일$/ : /^[A-Z][a-z]+ \d{1,2}, \d{4}$/);
        assert.equal(await page.locator('.result-count').textContent(), words.count('count.posts', iso.length));
      }
      if (name === 'post') {
        const date = await page.locator('.post-meta time.date').textContent();
        assert.equal(date, lang === 'ko' ? '2025년 11월 6일 (목)' : 'Thursday, November 6, 2025');
        assert.match(await page.locator('.post-meta .minutes').textContent(), lang === 'ko' ? /^약 \d+분$/ : /^\d+ min read$/);
      }
      const axe = await new AxeBuilder({ page }).analyze();
      assert.deepEqual(axe.violations.map((v) => `${name}: ${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
    }
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('a site may replace any message in papershelf.toml, and `check` names a key that does not exist', async () => {
  const dir = copyDist();
  try {
    const settings = path.join(dir, 'content', 'papershelf.toml');
    fs.appendFileSync(settings, '\n[messages]\n"nav.papers" = "읽은 논문"\n"nav.paper" = "오타"\n');
    const cli = path.join(root, 'target', 'release', 'papershelf');
    execFileSync(cli, ['index', path.join(dir, 'content')], { stdio: 'pipe' });
    execFileSync(cli, ['publish', dir], { stdio: 'pipe' });
    let said = '';
    try {
      said = execFileSync(cli, ['check', path.join(dir, 'content')], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      said = `${e.stdout}${e.stderr}`;
    }
    assert.match(said, /papershelf\.toml:\d+.*unknown message `nav\.paper`/);
    const server = await serve(dir);
    try {
      const page = await newPage(browser);
      await page.goto(`${server.base}#/papers`);
      await page.locator('[data-first-view] .paper-card, .papershelf:not([data-first-view]) .paper-card').first().waitFor();
      assert.equal(await page.locator('.site-nav a[href="#/papers"]').first().textContent(), '읽은 논문', 'the first view says it');
      await appShown(page);
      assert.equal(await page.locator('.site-nav a[href="#/papers"]').textContent(), '읽은 논문', 'and so does the app');
      page.assertClean();
    } finally {
      await server.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
