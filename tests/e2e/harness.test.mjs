// The harness itself. Regression: Playwright's waitForFunction takes the
// Promise an async predicate returns as truthy and never awaits it, so waits
// on Cache Storage written that way returned at once and checked nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, waitUntil, root } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('waitUntil awaits an async predicate: false times out, true returns its value', async () => {
  const page = await browser.newPage();
  try {
    await assert.rejects(waitUntil(page, async () => false, null, { timeout: 500 }), /not true after 500 ms/);
    assert.equal(await waitUntil(page, async (x) => x + 1, 41), 42);
    // Becomes true later, as a cache filled by a service worker does.
    await page.evaluate(() => setTimeout(() => (window.__later = 'yes'), 300));
    assert.equal(await waitUntil(page, async () => window.__later), 'yes');
  } finally {
    await page.close();
  }
});

test('no test waits with an async predicate through waitForFunction', () => {
  for (const dir of ['tests/e2e', 'tests/bench']) {
    for (const file of fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.mjs'))) {
      const text = fs.readFileSync(path.join(root, dir, file), 'utf8');
      assert.doesNotMatch(text, /waitForFunction\(\s*async\b|waitForFunction\([^;]*\.then\(/, `${dir}/${file}: use waitUntil (harness.mjs) for a predicate that returns a Promise`);
    }
  }
});
