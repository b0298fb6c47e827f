// `make serve` while writing, on a content folder outside the project (a
// Docusaurus site's docs/, with a space and Hangul in its path): a post added
// or edited there shows up, and its words are found by search, without a
// manual rebuild (scripts/serve.sh watches the folder, the post-build hook
// copies and indexes it, Trunk reloads the page), and nothing is written
// into the folder.
//
// `make test` builds what trunk serve needs (`trunk build` into the same
// target/serve-dist) before any test runs, so trunk's own first build here is
// incremental; the file still allows for a slow machine (see the Makefile).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { root, launch, newPage, spawnOwned } from './harness.mjs';

const freePort = () =>
  new Promise((ok) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });

async function waitForHttp(url, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const r = await fetch(url);
      if (r.ok && (await r.text()).includes('boot')) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`trunk serve did not answer on ${url} within ${ms / 1000}s`);
}

test('a post added and edited under trunk serve appears without a manual rebuild', { timeout: 600_000 }, async () => {
  const port = await freePort();
  const work = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'papershelf-serve-'));
  const docs = path.join(work, '내 사이트', 'docs');
  fs.cpSync(path.join(root, 'content'), docs, {
    recursive: true,
    filter: (from) => !['index.json', '_papershelf'].includes(path.relative(path.join(root, 'content'), from)),
  });
  const before = fs.readdirSync(docs, { recursive: true }).sort();
  const postDir = path.join(docs, 'papers', 'y2099', 'jan');
  const post = path.join(postDir, '20990101.md');
  const { child: trunk, stop } = spawnOwned('make', ['--no-print-directory', 'serve', `CONTENT=${docs}`, `PORT=${port}`], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  trunk.stdout.on('data', (d) => (log += d));
  trunk.stderr.on('data', (d) => (log += d));
  const browser = await launch();
  try {
    const base = `http://127.0.0.1:${port}/`;
    await waitForHttp(base, 480_000).catch((e) => assert.fail(`${e.message}\n${log.slice(-3000)}`));
    const page = await newPage(browser);
    await page.goto(base);
    await page.locator('.post-item').first().waitFor();

    fs.mkdirSync(postDir, { recursive: true });
    fs.writeFileSync(post, '# Written under trunk serve\n\n## 1. [A new paper](https://example.org/new) `servetest`\n');
    await page.getByRole('link', { name: 'Written under trunk serve' }).waitFor({ timeout: 240_000 });

    fs.writeFileSync(post, '# Edited under trunk serve\n\n## 1. [A new paper](https://example.org/new) `servetest`\n');
    await page.getByRole('link', { name: 'Edited under trunk serve' }).waitFor({ timeout: 240_000 });
    await page.getByRole('link', { name: 'Edited under trunk serve' }).click();
    await page.locator('h1.post-title', { hasText: 'Edited under trunk serve' }).waitFor();

    // A word saved into the post becomes searchable in the open page.
    const word = '갓지은검색어';
    await page.goto(`${base}#/search?q=${encodeURIComponent(word)}`);
    await page.locator('[data-search-results][data-count="0"]').waitFor({ state: 'attached' });
    fs.writeFileSync(post, `# Edited under trunk serve\n\n## 1. [A new paper](https://example.org/new) \`servetest\`\n\n${word}을 넣어 저장했다.\n`);
    await page.locator('[data-search-results][data-count="1"]').waitFor({ state: 'attached', timeout: 240_000 });
    assert.equal(await page.locator('.sub-result > a').first().textContent(), 'A new paper');
    // Nothing was written into the folder but the test's own post.
    const now = fs.readdirSync(docs, { recursive: true }).sort();
    assert.deepEqual(now.filter((f) => !f.startsWith(path.join('papers', 'y2099'))), before);
  } finally {
    await browser.close();
    stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
});
