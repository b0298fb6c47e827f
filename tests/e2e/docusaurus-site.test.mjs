// A Docusaurus site as its authors write it, generated here (a blog post,
// a doc with tabs, a partial), indexed by the CLI and read in the browser:
// tabs that switch (by a press, by the arrow keys, in step with their group,
// remembered), code blocks with their titles and highlighted lines, in the
// first view as in the app.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import { serve, launch, newPage, copyDist, root, appShown, shots } from './harness.mjs';

const DOC = 'docs/install';
const BLOG = 'blog/2021-08-26-welcome';

const files = {
  'docs/install.mdx': `---
title: Installing
---
import Tabs from '@theme/Tabs';
import TabItem from '@theme/TabItem';
import Snippet from './_snippet.mdx';

# Installing

<Snippet />

<Tabs groupId="pm">
  <TabItem value="npm" label="npm" default>

\`\`\`bash title="terminal"
npm install papershelf
\`\`\`

  </TabItem>
  <TabItem value="yarn" label="Yarn">

\`\`\`bash title="terminal"
yarn add papershelf
\`\`\`

  </TabItem>
  <TabItem value="pnpm" label="pnpm">

\`\`\`bash
pnpm add papershelf
\`\`\`

  </TabItem>
</Tabs>

## Updating

Read [the welcome post](/blog/2021/08/26/welcome) first.

<Tabs groupId="pm">
  <TabItem value="npm" label="npm">npm update</TabItem>
  <TabItem value="yarn" label="Yarn">yarn upgrade</TabItem>
  <TabItem value="pnpm" label="pnpm">pnpm update</TabItem>
</Tabs>
`,
  'blog/2021-08-26-welcome.md': `---
title: Welcome
tags: [hello]
authors: [kim, {name: Lee, title: Guest, url: 'https://lee.example'}]
---

# Welcome

\`\`\`js title="docusaurus.config.js" showLineNumbers
module.exports = {
  // highlight-next-line
  title: 'My site',
  url: 'https://example.org',
};
\`\`\`

## 1. Intro

An ordinary post's numbered section: not a paper. See [installing](/docs/install#updating).

<iframe width="560" height="315" src="https://www.youtube.com/embed/abc123" title="A talk" allowFullScreen></iframe>
`,
  'papers/20250101.md': `# A review

## 1. [A paper](https://arxiv.org/abs/2501.00001) \`org\`

Reviewed.
`,
  'docs/_snippet.mdx': 'A partial: never a post of its own.\n',
  'blog/authors.yml': `kim:
  name: Kim Minji
  title: Reviews RL papers
  url: https://kim.example
  image_url: /img/kim.svg
`,
  'blog/tags.yml': `hello:
  label: Hello world
  description: Posts that say hello.
`,
  'static/img/kim.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="36" height="36"><circle cx="18" cy="18" r="18" fill="#2458c6"/></svg>\n',
  'blog/2021-09-01-long.md': `---
title: A long post
---

The part the list shows, **above** the marker.

<!-- truncate -->

The part only the post shows.
`,
  'docs/secret.md': `---
unlisted: true
---

# Unlisted

Reachable by its address, in no list.
`,
};

let server, browser, dir;
before(async () => {
  dir = copyDist();
  const content = path.join(dir, 'content');
  fs.rmSync(content, { recursive: true, force: true });
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(content, file)), { recursive: true });
    fs.writeFileSync(path.join(content, file), text);
  }
  // As `make dist` does: indexed beside a copy (so the static folder is served at the root), then published.
  const source = `${dir}-source`;
  fs.renameSync(content, source);
  fs.cpSync(source, content, { recursive: true });
  const indexed = spawnSync(path.join(root, 'target', 'release', 'papershelf'), ['index', source, '--out', path.join(content, 'index.json')], { encoding: 'utf8' });
  assert.equal(indexed.status, 0, indexed.stderr);
  const published = spawnSync(path.join(root, 'target', 'release', 'papershelf'), ['publish', dir], { encoding: 'utf8' });
  assert.equal(published.status, 0, published.stderr);
  fs.rmSync(source, { recursive: true, force: true });
  server = await serve(dir);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** The labels of the selected tab of each set of tabs on the page, in order. */
const selected = (page) => page.locator('.tabs [role=tab][aria-selected=true]').allTextContents();
/** The text of each set's shown panel, in order. */
const shown = (page) => page.locator('.tabs > [role=tabpanel]:not([hidden])').allTextContents();

test('the partial is never a post; the blog post and the doc are', () => {
  const index = JSON.parse(fs.readFileSync(path.join(dir, 'content', 'index.json'), 'utf8'));
  const paths = index.posts.map((p) => p.path).sort();
  assert.deepEqual(paths, [`${BLOG}.md`, 'blog/2021-09-01-long.md', `${DOC}.mdx`, 'papers/20250101.md'], 'the unlisted doc is in no list');
  // Papers only where the site's paper folders (the default: papers/) are.
  const papers = Object.fromEntries(index.posts.map((p) => [p.path, p.entries.map((e) => e.title)]));
  assert.deepEqual(papers, { [`${BLOG}.md`]: [], 'blog/2021-09-01-long.md': [], [`${DOC}.mdx`]: [], 'papers/20250101.md': ['A paper'] });
});

for (const how of ['first view', 'app']) {
  test(`the list shows what is above a post's truncate marker; an unlisted post is in no list but opens (${how})`, async () => {
    const page = await newPage(browser);
    await page.goto(server.base);
    if (how === 'app') await appShown(page);
    else await page.locator('[data-first-view] .post-item').first().waitFor();
    const item = page.locator('.post-item', { has: page.getByRole('link', { name: 'A long post' }) });
    assert.equal(await item.locator('.excerpt').textContent(), 'The part the list shows, above the marker.');
    assert.equal(await page.locator('.post-item .excerpt').count(), 1, 'only where the author marked one');
    assert.equal(await page.getByRole('link', { name: 'Unlisted' }).count(), 0);
    if (how === 'app') {
      await page.goto(`${server.base}#/post/docs/secret`);
      await page.getByRole('heading', { level: 1, name: 'Unlisted' }).waitFor();
    }
    page.assertClean();
    await page.close();
  });
}

test("an ordinary post's numbered section is no paper in the browser either", async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}#/post/${BLOG}`);
  await appShown(page);
  await page.getByRole('heading', { level: 2, name: '1. Intro' }).waitFor();
  assert.equal(await page.locator('.post-head nav.toc').count(), 0, 'no list of papers in its header');
  await page.locator('.post-nav').waitFor();
  assert.equal(await page.locator('details.bibtex').count(), 0, 'no BibTeX of papers it has not');
  await page.goto(`${server.base}#/post/papers/20250101`);
  await page.locator('.post-head nav.toc').waitFor();
  await page.locator('.post details.bibtex').waitFor({ state: 'attached' });
  assert.deepEqual(await page.locator('.post-head nav.toc li').allTextContents(), ['1.A paperorg'], 'its number, title and tag');
  page.assertClean();
  await page.close();
});

for (const how of ['first view', 'app']) {
  test(`tabs switch by a press and by the arrow keys, in step with their group (${how})`, async () => {
    const page = await newPage(browser);
    await page.goto(`${server.base}#/post/${DOC}`);
    if (how === 'app') await appShown(page);
    else await page.locator('[data-first-view] .tabs').first().waitFor();
    assert.deepEqual(await selected(page), ['npm', 'npm'], 'the default tab, and the first where none is');
    // The partial it imports stands where its tag does.
    assert.equal(await page.locator('.post-body p').first().textContent(), 'A partial: never a post of its own.');
    const shownNow = await shown(page);
    assert.match(shownNow[0], /npm install papershelf/);
    assert.equal(shownNow[1], 'npm update');
    // Every panel's text stays in the page (find-in-page opens a hidden one).
    const hidden = page.locator('.tabs > [role=tabpanel][hidden]');
    assert.equal(await hidden.count(), 4);
    assert.deepEqual(new Set(await hidden.evaluateAll((els) => els.map((e) => e.getAttribute('hidden')))), new Set(['until-found']));
    assert.match(await page.locator('.tabs').first().textContent(), /yarn add papershelf/);

    await page.getByRole('tab', { name: 'Yarn' }).first().click();
    assert.deepEqual(await selected(page), ['Yarn', 'Yarn'], 'both sets of the group follow');
    assert.equal((await shown(page))[1], 'yarn upgrade');
    // The arrow keys move along the tabs (wrapping), choosing as they go.
    await page.keyboard.press('ArrowRight');
    assert.deepEqual(await selected(page), ['pnpm', 'pnpm']);
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'pnpm');
    await page.keyboard.press('ArrowRight');
    assert.deepEqual(await selected(page), ['npm', 'npm']);
    await page.keyboard.press('End');
    assert.deepEqual(await selected(page), ['pnpm', 'pnpm']);
    const tabStops = await page.locator('.tabs').first().locator('[role=tab][tabindex="0"]').allTextContents();
    assert.deepEqual(tabStops, ['pnpm'], 'one tab stop per set: the selected tab');

    // The choice is remembered for the group.
    await page.reload();
    await page.locator('.tabs').first().waitFor();
    if (how === 'app') await appShown(page);
    assert.deepEqual(await selected(page), ['pnpm', 'pnpm']);
    if (how === 'app') {
      fs.mkdirSync(shots, { recursive: true });
      await page.locator('.post-body').screenshot({ path: path.join(shots, 'docusaurus-tabs.png') });
    }
    page.assertClean();
    await page.close();
  });
}

test('a code block shows its title, numbers its lines and highlights the line its comment names', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}#/post/${BLOG}`);
  await appShown(page);
  const block = page.locator('.post-body .code-block');
  assert.equal(await block.locator('.code-title').textContent(), 'docusaurus.config.js');
  assert.equal(await block.locator('code').textContent(), "module.exports = {\n  title: 'My site',\n  url: 'https://example.org',\n};\n", 'the magic comment is gone, the code is as written');
  assert.deepEqual(await block.locator('.code-line.highlighted').allTextContents(), ["  title: 'My site',\n"]);
  // Four lines, four rows: a line's own newline adds no empty row.
  const heights = await block.locator('.code-line').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
  assert.equal(heights.length, 4);
  assert.ok(Math.max(...heights) < 1.8 * Math.min(...heights), `rows of one line each: ${heights}`);
  const number = await block.locator('.code-line').nth(1).evaluate((e) => getComputedStyle(e, '::before').content);
  assert.equal(number, 'counter(line)', 'lines numbered by a counter (never in the text copied)');
  await block.screenshot({ path: path.join(shots, 'docusaurus-code-title.png') });
  // Its authors, from authors.yml and written out; its tag by its tags.yml label.
  const authors = page.locator('.post-head .post-authors .author');
  assert.deepEqual(await authors.locator('.name').allTextContents(), ['Kim Minji', 'Lee']);
  assert.equal(await authors.first().locator('.author-title').textContent(), 'Reviews RL papers');
  assert.equal(await authors.first().locator('a.author-page').getAttribute('href'), 'https://kim.example');
  await page.waitForFunction(() => document.querySelector('.post-authors img.avatar')?.naturalWidth > 0);
  await page.locator('.post-head').screenshot({ path: path.join(shots, 'docusaurus-authors.png') });
  assert.deepEqual(await page.locator('.post-head .tag').allTextContents(), ['Hello world']);
  // An author's name lists their posts, as a tag does.
  await authors.first().locator('a.name').click();
  await page.locator('.post-item').first().waitFor();
  assert.deepEqual(await page.locator('.post-item .post-title').allTextContents(), ['Welcome']);
  await page.goBack();
  await page.locator('.post-head .post-authors').waitFor();
  // An iframe never loads: a card links to the video's page.
  assert.equal(await page.locator('iframe').count(), 0);
  const card = page.locator('.post-body .embed-card a');
  assert.equal(await card.textContent(), 'A talk');
  assert.equal(await card.getAttribute('href'), 'https://www.youtube.com/watch?v=abc123');
  page.assertClean();
  await page.close();
});

for (const colorScheme of ['light', 'dark']) {
  test(`axe finds nothing on tabs and titled code blocks (${colorScheme})`, async () => {
    // axe needs a page of a context of its own.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme });
    const page = await context.newPage();
    const found = [];
    for (const post of [DOC, BLOG]) {
      await page.goto(`${server.base}#/post/${post}`);
      await appShown(page);
      const result = await new AxeBuilder({ page }).analyze();
      for (const v of result.violations) found.push(`${post}: ${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    }
    await context.close();
    assert.deepEqual(found, []);
  });
}

test('links written for Docusaurus (a blog permalink, a /docs/ route) open their posts, and so do their addresses', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}#/post/${DOC}`);
  await appShown(page);
  await page.getByRole('link', { name: 'the welcome post' }).click();
  await page.getByRole('heading', { level: 1, name: 'Welcome' }).waitFor();
  await page.getByRole('link', { name: 'installing', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Installing' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Updating' }).waitFor();
  // Opened by the address itself: no file has that path, the index knows whose it is.
  await page.goto(`${server.base}#/post/blog/2021/08/26/welcome`);
  await page.getByRole('heading', { level: 1, name: 'Welcome' }).waitFor();
  assert.equal(await page.locator('.not-found').count(), 0);
  // And on a static host, by the page publish writes at that address.
  await page.goto(`${server.base}docs/blog/2021/08/26/welcome/`);
  await page.waitForURL(new RegExp(`#/post/${BLOG}$`));
  await page.getByRole('heading', { level: 1, name: 'Welcome' }).waitFor();
  page.assertClean();
  await page.close();
});

test('an embedded viewer reads the site as its own page does: authors from authors.yml, tags by their labels', async () => {
  fs.writeFileSync(path.join(dir, 'host.html'), `<!doctype html><meta charset="utf-8"><title>Host</title>
<script type="module" src="embed.js"></script>
<papershelf-viewer post="${BLOG}"></papershelf-viewer>`);
  const page = await newPage(browser);
  await page.goto(`${server.base}host.html`);
  const viewer = page.locator('papershelf-viewer');
  await viewer.locator('.post-head .post-authors .author').first().waitFor();
  assert.deepEqual(await viewer.locator('.post-head .post-authors .name').allTextContents(), ['Kim Minji', 'Lee']);
  assert.deepEqual(await viewer.locator('.post-head .tag').allTextContents(), ['Hello world']);
  page.assertClean();
  await page.close();
});

test("the tags page says what tags.yml says a tag is about", async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}#/tags`);
  await appShown(page);
  const row = page.locator('.tag-table tr', { has: page.getByRole('link', { name: 'Hello world' }) });
  assert.equal(await row.locator('.tag-description').textContent(), 'Posts that say hello.');
  // And the tag's own page (the posts filtered by it) begins with it.
  await row.getByRole('link', { name: '1' }).last().click();
  await page.locator('.post-item').first().waitFor();
  assert.equal(await page.locator('.tag-intro').textContent(), 'Posts that say hello.');
  page.assertClean();
  await page.close();
});
