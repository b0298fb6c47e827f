// The release build, served over HTTP, read in headless Chromium as a reader would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { serve, launch, newPage, postsOnDisk, shots, appShown, copyDist, root, siteWords } from './harness.mjs';

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

test('the home page lists every post on disk, newest first', async () => {
  const page = await newPage(browser);
  await page.goto(server.base);
  await appShown(page);
  await page.locator('.post-item').first().waitFor();
  const shown = await page.locator('.post-item time.date').evaluateAll((times) => times.map((t) => t.getAttribute('datetime')));
  const expected = postsOnDisk().map((p) => p.date);
  // Each written as the site writes dates (Korean: 2025년 11월 6일).
  assert.deepEqual(await page.locator('.post-item time.date').allTextContents(), expected.map((d) => w.date(d)));
  assert.ok(expected.length >= 12, 'at least 12 sample posts');
  assert.deepEqual(shown, expected);
  await page.screenshot({ path: path.join(shots, 'home-1280.png') });
  page.assertClean();
});

test("a post's header is read from its front matter by the CLI's one parser, in the browser too", async () => {
  // Front matter only a YAML parser reads right: a folded title, a quoted
  // title with `: `, tags as a block list, quoted, one repeated.
  const text = '---\ntitle: >-\n  Folded: a title\n  on two lines\ntags:\n  - "rl: agents"\n  - \'한국어\'\n  - rl: agents\ndescription: |\n  Two\n  lines\ndate: 2025-12-01\n---\n\n## 1. [A paper](https://arxiv.org/abs/2501.00001) `org`\n\nText.\n';
  // What the CLI reads of it.
  const solo = fs.mkdtempSync(path.join(os.tmpdir(), 'papershelf-yaml-'));
  fs.writeFileSync(path.join(solo, 'yaml.md'), text);
  const indexed = spawnSync(path.join(root, 'target', 'release', 'papershelf'), ['index', solo, '--out', '-'], { encoding: 'utf8' });
  assert.equal(indexed.status, 0, indexed.stderr);
  const cli = JSON.parse(indexed.stdout).posts[0];
  assert.equal(cli.title, 'Folded: a title on two lines');
  // The browser, on a post the site's index does not have (added after the
  // build): nothing drawn ahead, no index entry, only its own parse.
  const dir = copyDist();
  fs.writeFileSync(path.join(dir, 'content', 'yaml.md'), text);
  const site = await serve(dir);
  try {
    const page = await newPage(browser);
    await page.goto(`${site.base}#/post/yaml`);
    await page.locator('h1.post-title').waitFor();
    assert.equal(await page.locator('h1.post-title').textContent(), cli.title);
    assert.deepEqual(await page.locator('.post-meta .tag').allTextContents(), cli.tags);
    assert.equal(await page.locator('.post-meta time').getAttribute('datetime'), cli.date);
    page.assertClean();
  } finally {
    await site.close();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(solo, { recursive: true, force: true });
  }
});

test('clicking a post shows its title and its first entry heading', async () => {
  const page = await newPage(browser);
  await page.goto(server.base);
  await appShown(page);
  await page.getByRole('link', { name: '2025-11-06 papers review' }).click();
  await page.locator('h1.post-title').waitFor();
  assert.equal(await page.locator('h1.post-title').textContent(), '2025-11-06 papers review');
  assert.equal(await page.locator('.post-body h1').count(), 0, 'the title is shown once');
  const first = page.locator('.post-body h2').first();
  assert.equal(await first.textContent(), '0. Visual Spatial Tuning');
  assert.equal(await first.getAttribute('id'), '0-visual-spatial-tuning');
  assert.match(page.url(), /#\/post\/papers\/y2025\/nov\/20251106$/);
  await page.screenshot({ path: path.join(shots, 'post-1280.png') });
  page.assertClean();
});

test('every image of a post with images loads', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}#/post/papers/y2025/nov/20251106`);
  await page.locator('.post-body img').first().waitFor();
  const imgs = page.locator('.post-body img');
  assert.equal(await imgs.count(), 3);
  for (const img of await imgs.all()) {
    await img.scrollIntoViewIfNeeded();
    await page.waitForFunction((el) => el.complete, await img.elementHandle());
    const { w, width } = await img.evaluate((el) => ({ w: el.naturalWidth, width: el.style.width }));
    assert.ok(w > 0, 'image decoded');
    assert.equal(width, '500px');
  }
  page.assertClean();
});

test('a Docusaurus link to another post opens it at the heading', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}#/post/papers/y2025/nov/20251106`);
  await page.getByRole('link', { name: 'Latent Sketchpad' }).click();
  const heading = page.locator('[id="1-latent-sketchpad-sketching-visual-thoughts-to-elicit-multimodal-reasoning-in-mllms-microsoft"]');
  await heading.waitFor();
  assert.match(page.url(), /#\/post\/papers\/y2025\/oct\/20251029\?id=1-latent-sketchpad/);
  assert.ok(await heading.isVisible());
  page.assertClean();
});

test('a post that does not exist shows not-found, and the site keeps working', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}#/post/papers/y2031/jan/20310101`);
  await page.getByRole('heading', { name: w.get('post.missing') }).waitFor();
  await page.getByRole('link', { name: w.get('all') }).click();
  await page.locator('.post-item').first().waitFor();
  page.assertClean();
});

test('a post with front matter shows its title and tags as the CLI read them', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}#/post/papers/y2025/sep/20250924`);
  await page.locator('h1.post-title', { hasText: 'Agents and tool use, September roundup' }).waitFor();
  assert.deepEqual(await page.locator('.post-meta .tag').allTextContents(), ['agents', 'tool-use']);
  assert.equal(await page.locator('.post-body .admonition-title').textContent(), 'What to take from it');
  assert.ok(await page.locator('.post-body .footnotes li').count() >= 1);
  page.assertClean();
});
