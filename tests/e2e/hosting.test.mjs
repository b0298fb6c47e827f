// Any static host, any page: sub-paths, stale indexes, hosts that answer 404s
// with HTML, a Content-Security-Policy, and the viewer embedded in another
// site's page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { serve, launch, newPage, copyDist, shots, appShown, root, dist, firstViewDrawnBy, siteWords } from './harness.mjs';

// The app's own words, by key (the sample site speaks Korean).
const w = siteWords();

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const POST = 'papers/y2025/nov/20251106';
const ANCHOR = '3-token-pruning-revisited-nvidia';

test('dist/ works under a sub-path: a deep link, a reload, every request under the sub-path', async () => {
  const requests = [];
  const server = await serve(undefined, { prefix: '/repo/', requests });
  try {
    const page = await newPage(browser);
    await page.goto(`${server.base}#/post/${POST}?id=${ANCHOR}`);
    const heading = page.locator(`[id="${ANCHOR}"]`);
    await heading.waitFor();
    const reloadedAt = requests.length;
    await page.reload();
    await heading.waitFor();
    assert.ok(await heading.isVisible());
    // The app starts on a first tap (or when the page is quiet).
    await page.locator('h1.post-title').click();
    await page.locator('[data-first-view]').waitFor({ state: 'detached' });
    for (const img of await page.locator('.post-body img').all()) {
      await img.scrollIntoViewIfNeeded();
      await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle());
    }
    const outside = requests.filter((r) => !r.startsWith('/repo/'));
    assert.deepEqual(outside, [], 'every URL is relative to the sub-path');
    // The boot script fetched the index and the post beside the app, and the
    // app used those answers: one request each.
    const reloaded = requests.slice(reloadedAt);
    assert.equal(reloaded.filter((r) => r === '/repo/content/index.json').length, 1);
    assert.equal(reloaded.filter((r) => r === `/repo/content/${POST}.md`).length, 1);
    page.assertClean();
  } finally {
    await server.close();
  }
});

test('a post listed in a stale index but gone from the host shows not-found', async () => {
  const dir = copyDist();
  fs.rmSync(path.join(dir, 'content', 'papers/y2025/nov/20251120.md'));
  const server = await serve(dir);
  try {
    const page = await newPage(browser);
    await page.goto(server.base);
    await appShown(page);
    await page.getByRole('link', { name: '2025-11-20 papers review' }).click();
    await page.getByRole('heading', { name: w.get('post.missing') }).waitFor();
    assert.match(await page.locator('.not-found').textContent(), /papers\/y2025\/nov\/20251120\.md/);
    await page.getByRole('link', { name: w.get('all') }).click();
    await page.getByRole('link', { name: '2025-11-13 papers review' }).click();
    await page.locator('h1.post-title', { hasText: '2025-11-13' }).waitFor();
    page.assertClean();
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

for (const status of [200, 404]) {
  test(`a host that answers a missing post with an HTML page (status ${status}) shows not-found`, async () => {
    const server = await serve(undefined, { fallback: status });
    try {
      const page = await newPage(browser);
      await page.goto(`${server.base}#/post/papers/y2030/jan/20300101`);
      await page.getByRole('heading', { name: w.get('post.missing') }).waitFor();
      assert.equal(await page.locator('.post-body').textContent(), '', 'the HTML page is not rendered as a post');
      page.assertClean();
    } finally {
      await server.close();
    }
  });
}

// The policy the README gives: it allows the inline style sheet and the
// inline script by their hashes, which post-build.mjs prints (and which
// change with www/style.css, and www/first-view.js and www/first-visit.js).
const CSP = /^Content-Security-Policy: (.+)$/m.exec(fs.readFileSync(path.join(root, 'README.md'), 'utf8'))[1];
const inline = (tag) => [...fs.readFileSync(path.join(dist, 'index.html'), 'utf8').matchAll(new RegExp(`<${tag}(?: id="[^"]+")?>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]);
const sha256 = (text) => `'sha256-${crypto.createHash('sha256').update(text).digest('base64')}'`;
/** The README's policy without the hashes of the inline \`tag\` elements. */
const without = (tag) => inline(tag).reduce((policy, text) => policy.replace(` ${sha256(text)}`, ''), CSP);

/** Records each load's Content-Security-Policy violations in window.__violations. */
const recordViolations = (page) =>
  page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });

test("the README's Content-Security-Policy names the hashes of the inline script and style sheet", () => {
  const [scripts, styles] = [inline('script'), inline('style')];
  assert.equal(scripts.length, 1, 'first-view.js and first-visit.js, at the end of <body>');
  assert.equal(styles.length, 1, 'the style sheet');
  for (const script of scripts) assert.ok(/script-src [^;]*/.exec(CSP)[0].includes(sha256(script)), `README.md's policy should have ${sha256(script)} in script-src (the build prints it)`);
  assert.ok(/style-src [^;]*/.exec(CSP)[0].includes(sha256(styles[0])), `README.md's policy should have ${sha256(styles[0])} in style-src (the build prints it)`);
});

test('the README Content-Security-Policy runs the app with no violation', async () => {
  const server = await serve(undefined, { headers: { 'content-security-policy': CSP } });
  try {
    const page = await newPage(browser);
    await recordViolations(page);
    await page.goto(`${server.base}#/post/${POST}`);
    await page.locator('.post-body img').first().waitFor();
    assert.equal(await page.locator('.post-body img').first().evaluate((el) => getComputedStyle(el).width), '500px', 'styles from content apply');
    assert.equal(await page.locator('.post-body div').first().evaluate((el) => getComputedStyle(el).textAlign), 'center');
    // The math renderer, a second module imported on demand, runs under it too.
    await page.goto(`${server.base}#/post/papers/y2025/jan/20250115`);
    await page.locator('.post-body math').first().waitFor();
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    page.assertClean();
  } finally {
    await server.close();
  }
});

// A post read lately, loaded again under the README's policy, under one
// without the scripts' hashes, and under one without the style sheet's.
for (const [name, policy, blocked] of [
  ["under the README's policy, a post read lately is drawn again by the inline script's first view, styled, with no violation", () => CSP, []],
  ["under a policy without the inline script's hash, the boot module starts the first view instead; the inline script is all that is blocked", () => without('script'), ['script-src-elem inline']],
  ["under a policy without the inline style sheet's hash, the page takes the style sheet as a file", () => without('style'), ['style-src-elem inline']],
]) {
  test(name, async () => {
    const server = await serve(undefined, { headers: { 'content-security-policy': policy() } });
    try {
      const page = await newPage(browser, { serviceWorkers: 'allow' });
      await recordViolations(page);
      const how = () => firstViewDrawnBy(page);
      await page.goto(`${server.base}#/post/${POST}`);
      assert.equal(await how(), 'drawn ahead');
      await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller));
      await page.reload();
      assert.equal(await how(), 'drawn ahead');
      const scriptsRun = !blocked.includes('script-src-elem inline');
      assert.equal(await page.evaluate(() => globalThis.__papershelf?.view?.by), scriptsRun ? 'inline script' : 'boot module', 'started by the inline script where it may run');
      // The post's own styles (a JSX style object: width 500px) hold in the drawing,
      const image = page.locator('[data-first-view] .post-body img').first();
      assert.equal(await image.evaluate((el) => getComputedStyle(el).width), '500px');
      // and the app's style sheet (the site header's 52rem), inline or as a file.
      await page.waitForFunction(() => getComputedStyle(document.querySelector('[data-first-view] .site-header')).maxWidth === '832px');
      assert.equal(await page.locator('link[rel="stylesheet"]').count(), blocked.includes('style-src-elem inline') ? 1 : 0);
      assert.deepEqual(await page.evaluate(() => window.__violations), blocked);
      page.assertClean();
      await page.context().close();
    } finally {
      await server.close();
    }
  });
}

test("without 'wasm-unsafe-eval' the page says what to change", async () => {
  const server = await serve(undefined, { headers: { 'content-security-policy': CSP.replace(" 'wasm-unsafe-eval'", '') } });
  try {
    const page = await browser.newPage();
    await page.goto(server.base);
    await page.locator('#boot', { hasText: 'wasm-unsafe-eval' }).waitFor();
    assert.equal(await page.locator('#boot').getAttribute('role'), 'alert');
  } finally {
    await server.close();
  }
});

test('the embed snippet loads the viewer from another origin with CORS; the host URL never changes', async () => {
  const app = await serve(undefined, { cors: true });
  const hostDir = fs.mkdtempSync(path.join(os.tmpdir(), 'papershelf-host-'));
  fs.writeFileSync(
    path.join(hostDir, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>host</title>
<style>body { font-family: serif; color: rgb(128, 0, 32); } h1 { color: rgb(255, 0, 0); } .tag { color: rgb(0, 128, 0); }</style>
<h1>Host page</h1><span class="tag" id="host-tag">host tag</span>
<script type="module" src="${app.base}embed.js"></script>
<div id="one" style="width: 600px"><papershelf-viewer></papershelf-viewer></div>
<div id="two" style="width: 400px"><papershelf-viewer post="papers/y2025/oct/20251029"></papershelf-viewer></div>
<div id="three" style="width: 500px"><papershelf-viewer post="papers/y2025/jan/20250115"></papershelf-viewer></div>`,
  );
  const host = await serve(hostDir);
  try {
    const page = await newPage(browser);
    await page.goto(`${host.base}index.html`);
    const start = page.url();
    const one = page.locator('#one papershelf-viewer');
    const two = page.locator('#two papershelf-viewer');
    await one.locator('.post-item').first().waitFor();
    await two.locator('h1.post-title', { hasText: '2025-10-29 papers review' }).waitFor();
    // The math renderer is imported from papershelf's origin too.
    await page.locator('#three papershelf-viewer').locator('math[display="block"]').first().waitFor();

    // Styles do not leak either way.
    assert.equal(await page.locator('#host-tag').evaluate((el) => getComputedStyle(el).color), 'rgb(0, 128, 0)');
    assert.equal(await page.locator('h1').first().evaluate((el) => getComputedStyle(el).color), 'rgb(255, 0, 0)');
    assert.notEqual(await two.locator('h1.post-title').evaluate((el) => getComputedStyle(el).color), 'rgb(255, 0, 0)');
    assert.notEqual(await one.locator('.brand').evaluate((el) => getComputedStyle(el).fontFamily), 'serif');
    // It sizes to its container.
    assert.equal(Math.round((await one.boundingBox()).width), 600);

    await one.getByRole('link', { name: '2025-11-06 papers review' }).click();
    await one.locator('h1.post-title', { hasText: '2025-11-06' }).waitFor();
    // Nothing to copy or subscribe to: the host page's address is not ours.
    assert.equal(await one.locator('.copy-link, .hash-link, .site-footer').count(), 0);
    assert.equal(await one.locator('.brand').textContent(), 'papershelf');
    for (const img of await one.locator('.post-body img').all()) {
      await img.scrollIntoViewIfNeeded();
      await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle());
    }
    await one.locator('.post-meta').getByRole('link', { name: w.get('back.posts') }).click();
    await one.locator('.facet').first().waitFor();
    await one.locator('.facet', { hasText: /^bytedance/ }).click();
    await one.locator('.chip', { hasText: 'bytedance' }).waitFor();
    assert.equal(page.url(), start, 'the host page URL is unchanged');
    // The second viewer did not move.
    assert.equal(await two.locator('h1.post-title').textContent(), '2025-10-29 papers review');
    await page.screenshot({ path: path.join(shots, 'embed-1280.png'), fullPage: true });
    page.assertClean();
  } finally {
    await host.close();
    await app.close();
    fs.rmSync(hostDir, { recursive: true, force: true });
  }
});

test('content on another origin without CORS fails with a clear message', async () => {
  const app = await serve(undefined, { cors: true });
  const noCors = await serve();
  const hostDir = fs.mkdtempSync(path.join(os.tmpdir(), 'papershelf-host-'));
  fs.writeFileSync(
    path.join(hostDir, 'index.html'),
    `<!doctype html><meta charset="utf-8"><script type="module" src="${app.base}embed.js"></script>
<papershelf-viewer content="${noCors.base}content/"></papershelf-viewer>`,
  );
  const host = await serve(hostDir);
  try {
    const page = await newPage(browser);
    await page.goto(`${host.base}index.html`);
    const alert = page.locator('papershelf-viewer .error-box');
    await alert.waitFor();
    assert.match(await alert.textContent(), /CORS/);
    assert.ok(await alert.getByRole('button', { name: w.get('retry') }).isVisible());
    page.assertClean();
  } finally {
    await host.close();
    await noCors.close();
    await app.close();
    fs.rmSync(hostDir, { recursive: true, force: true });
  }
});
