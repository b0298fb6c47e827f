// The boundaries a site keeps, as an attacker or an unlucky author meets them:
// - a route names a file inside content/, whatever its encoding;
// - a post's headings never take the app's own element ids;
// - one origin, many sites: GitHub Pages serves you.github.io/a/ and
//   you.github.io/b/ from one origin, and every site's caches and local
//   storage share it. Each papershelf site touches only what its own scope
//   named (www/sw.js, www/first-view.js): updating one, "Remove offline data"
//   in one and the kill switch in one leave the other site, and another
//   app's cache, as they were.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, launch, newPage, copyDist, appShown, root, waitUntil, siteWords } from './harness.mjs';

// The app's own words, by key (the sample site speaks Korean).
const w = siteWords();

const bin = path.join(root, 'target', 'release', 'papershelf');

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** The newest post of a built site that has an image. */
function postWithImage(dir) {
  const index = JSON.parse(fs.readFileSync(path.join(dir, 'content', 'index.json'), 'utf8'));
  const offline = JSON.parse(fs.readFileSync(path.join(dir, 'content', '_papershelf', 'offline.json'), 'utf8'));
  const post = index.posts.find((p) => offline.posts[p.path].files.some((f) => f.endsWith('.png')));
  return { ...post, stem: post.path.replace(/\.mdx?$/, '') };
}

/** Whether the cache `name` holds the URL path `url`. */
const holds = (page, name, url) =>
  page.evaluate(
    async ([cacheName, want]) => (await caches.has(cacheName)) && (await (await caches.open(cacheName)).keys()).some((r) => decodeURIComponent(new URL(r.url).pathname) === want),
    [name, url],
  );

test('two sites on one origin: an update, "Remove offline data" and the kill switch in one leave the other, and a foreign cache, whole', async () => {
  const parent = fs.mkdtempSync(path.join(fs.realpathSync(process.env.TMPDIR ?? '/tmp'), 'papershelf-origin-'));
  for (const site of ['a', 'b']) {
    const copy = copyDist();
    fs.renameSync(copy, path.join(parent, site));
  }
  let server = await serve(parent);
  const port = Number(new URL(server.base).port);
  const origin = server.base;
  const post = postWithImage(path.join(parent, 'a'));
  // Both sites in one browser profile: one origin's storage.
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  const errors = [];
  const pageA = await context.newPage();
  const pageB = await context.newPage();
  for (const page of [pageA, pageB]) page.on('pageerror', (e) => errors.push(e.message));
  try {
    // Another app of the same origin keeps a cache and a key of its own.
    await pageA.goto(`${origin}a/`);
    await pageA.evaluate(async () => {
      await (await caches.open('other-app v1')).put('/other/data.json', new Response('{"theirs": true}'));
      localStorage.setItem('other-app', 'theirs');
    });
    // Both sites read a post, and keep it.
    for (const [page, site] of [[pageA, 'a'], [pageB, 'b']]) {
      await page.goto(`${origin}${site}/`);
      await page.locator('.post-item').first().waitFor();
      await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller));
      await page.goto(`${origin}${site}/#/post/${post.stem}`);
      await page.locator('h1.post-title', { hasText: post.title }).waitFor();
      await waitUntil(page,
        async ([name, want]) => (await caches.has(name)) && (await (await caches.open(name)).keys()).some((r) => new URL(r.url).pathname === want),
        [`papershelf /${site}/ content`, `/${site}/content/${post.path}`],
      );
    }
    const names = await pageA.evaluate(() => caches.keys());
    for (const site of ['a', 'b']) {
      assert.equal(names.filter((n) => n.startsWith(`papershelf /${site}/ app `)).length, 1, `${site}'s app: ${names}`);
    }
    const appB = names.find((n) => n.startsWith('papershelf /b/ app '));

    // A new release of a: its worker installs and takes over; b's caches stay.
    const worker = path.join(parent, 'a', 'sw.js');
    const text = fs.readFileSync(worker, 'utf8');
    fs.writeFileSync(worker, text.replace(/"([0-9a-f]{16})"/, `"${'e'.repeat(16)}"`));
    await pageA.goto(`${origin}a/`);
    const notice = pageA.locator('#update-notice');
    await notice.waitFor();
    const reloaded = pageA.waitForEvent('load');
    await notice.getByRole('button', { name: w.get('update.reload') }).click();
    await reloaded;
    await waitUntil(pageA, async () => (await caches.keys()).some((n) => n === `papershelf /a/ app ${'e'.repeat(16)}`));
    assert.ok((await pageA.evaluate(() => caches.keys())).includes(appB), "b's app cache survives a's update");
    assert.ok(await holds(pageA, 'papershelf /b/ content', `/b/content/${post.path}`), "b's post survives a's update");

    // "Remove offline data" in a: a's kept posts go, b's and the other app's stay.
    await pageA.goto(`${origin}a/#/`);
    await appShown(pageA);
    await pageA.locator('.offline summary').click();
    await pageA.locator('.offline button.remove-offline').click();
    await pageA.locator('.offline-status', { hasText: w.say('offline.removed', { size: '' }).split(' ')[0] }).waitFor();
    assert.equal(await holds(pageA, 'papershelf /a/ content', `/a/content/${post.path}`), false, "a's post is removed");
    assert.ok(await holds(pageA, 'papershelf /b/ content', `/b/content/${post.path}`), "b's post stays");
    assert.ok(await holds(pageA, 'other-app v1', '/other/data.json'), "the other app's cache stays");
    // b still reads its post with the network gone.
    await server.close();
    await pageB.goto(`${origin}b/#/post/${post.stem}`);
    await pageB.locator('h1.post-title', { hasText: post.title }).waitFor();
    server = await serve(parent, { port });

    // a reads its post again; then b's kill switch: b's worker and caches go, a's stay.
    await pageA.goto(`${origin}a/#/post/${post.stem}`);
    await pageA.locator('h1.post-title', { hasText: post.title }).waitFor();
    await waitUntil(pageA,
      async (want) => (await (await caches.open('papershelf /a/ content')).keys()).some((r) => new URL(r.url).pathname === want),
      `/a/content/${post.path}`,
    );
    fs.copyFileSync(path.join(parent, 'b', 'sw-off.js'), path.join(parent, 'b', 'sw.js'));
    await pageB.goto(`${origin}b/`);
    await waitUntil(pageB, async () => !(await caches.keys()).some((n) => n.startsWith('papershelf /b/ ')));
    const left = await pageA.evaluate(() => caches.keys());
    assert.ok(left.some((n) => n.startsWith('papershelf /a/ app ')), `a's app stays: ${left}`);
    assert.ok(left.includes('other-app v1'), `the other app's cache stays: ${left}`);
    assert.equal(await pageA.evaluate(() => localStorage.getItem('other-app')), 'theirs');
    // a still reads its post with the network gone.
    await server.close();
    await pageA.goto(`${origin}a/#/post/${post.stem}`);
    await pageA.locator('h1.post-title', { hasText: post.title }).waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await server.close();
    fs.rmSync(parent, { recursive: true, force: true });
  }
});

test('crafted routes with encoded dot segments, ? and # fetch nothing outside content/ and say "not found"', async () => {
  // The site under /site/, a file of its own beside content/, and another project's on the same host.
  const parent = fs.mkdtempSync(path.join(fs.realpathSync(process.env.TMPDIR ?? '/tmp'), 'papershelf-routes-'));
  fs.renameSync(copyDist(), path.join(parent, 'site'));
  fs.writeFileSync(path.join(parent, 'site', 'README.md'), '# Not a post of this site\n');
  fs.mkdirSync(path.join(parent, 'other-project'));
  fs.writeFileSync(path.join(parent, 'other-project', 'README.md'), '# Someone else\'s file\n');
  const requests = [];
  const server = await serve(parent, { requests });
  const page = await newPage(browser);
  try {
    for (const crafted of [
      '%252e%252e/README',
      '%252e%252e/%252e%252e/other-project/README',
      '%25252e%25252e/%25252e%25252e/other-project/README',
      'papers/%252E%252E/%252E%252E/%252E%252E/other-project/README',
      '..%252f..%252fother-project%252fREADME',
      '%2e%2e/README',
      'README.md%253F',
      'papers%2523/../../README',
      '%252e%252e%255cREADME',
    ]) {
      requests.length = 0;
      await page.goto('about:blank');
      await page.goto(`${server.base}site/#/post/${crafted}`);
      await page.locator('.not-found h1', { hasText: w.get('page.missing') }).waitFor();
      const outside = requests.filter((r) => r.endsWith('.md') && !r.startsWith('/site/content/'));
      assert.deepEqual(outside, [], `${crafted}: nothing outside content/ is asked for`);
      assert.equal(await page.locator('h1', { hasText: /Not a post|Someone else/ }).count(), 0, crafted);
    }
    page.assertClean();
  } finally {
    await page.context().close();
    await server.close();
    fs.rmSync(parent, { recursive: true, force: true });
  }
});

test("a post's headings named like the app's own ids keep their place through the app's start, going offline and online, and an update offer", async () => {
  const dir = copyDist();
  // Every id the app uses (papershelf_core::policy::APP_IDS), as a heading.
  const names = ['Boot', 'Main', 'Copy status', 'Offline notice', 'Update notice', 'Papershelf boot', 'Papershelf first visit', 'Papershelf style', 'Papershelf style file', 'Papershelf messages'];
  fs.mkdirSync(path.join(dir, 'content', 'notes'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'content', 'notes', 'ids.md'),
    `---\ntitle: Headings like the app's ids\ndate: 2020-01-01\n---\n\n${names.map((n) => `## ${n}\n\nText under ${n}.\n`).join('\n')}\n[to the notice](#offline-notice)\n`,
  );
  execFileSync(bin, ['index', path.join(dir, 'content')], { stdio: 'pipe' });
  let server = await serve(dir, { prefix: '/shelf/' });
  const port = Number(new URL(server.base).port);
  const page = await newPage(browser, { serviceWorkers: 'allow' });
  const headings = () => page.locator('.post-body h2').allTextContents();
  const all = async (when) => assert.deepEqual((await headings()).map((t) => t.trim()), names, when);
  try {
    await page.goto(`${server.base}#/post/notes/ids`);
    await page.locator('h1.post-title', { hasText: "Headings like the app's ids" }).waitFor();
    await appShown(page);
    await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller));
    await all('after the app starts');
    // A link to a renamed heading still finds it.
    await page.locator('.post-body a', { hasText: 'to the notice' }).click();
    await page.waitForFunction(() => document.activeElement?.id === 'user-content-offline-notice' || Math.abs(document.getElementById('user-content-offline-notice').getBoundingClientRect().top) < 120);

    // Offline: the worker says so, and the notice bar is the app's own element.
    await server.close();
    await page.reload();
    await page.locator('#offline-notice', { hasText: w.get('offline.now') }).waitFor();
    await page.locator('h1.post-title').waitFor();
    await appShown(page);
    await all('offline');
    // Online again: the bar goes, the heading stays.
    server = await serve(dir, { prefix: '/shelf/', port });
    await page.reload();
    await page.locator('h1.post-title').waitFor();
    await page.locator('#offline-notice').waitFor({ state: 'detached' });
    await appShown(page);
    await all('online again');
    // An update offered: the bar comes, the heading stays.
    const worker = path.join(dir, 'sw.js');
    const text = fs.readFileSync(worker, 'utf8');
    fs.writeFileSync(worker, text.replace(/"([0-9a-f]{16})"/, `"${'d'.repeat(16)}"`));
    await page.reload();
    await page.locator('#update-notice').waitFor();
    await appShown(page);
    await all('with the update offered');
    assert.equal(await page.locator('#user-content-update-notice').textContent(), 'Update notice');
    page.assertClean();
  } finally {
    await page.context().close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
