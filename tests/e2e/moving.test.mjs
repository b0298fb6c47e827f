// Moving from Docusaurus (README): the GitHub Pages workflows parse and use
// only the actions they should, and their build commands, run here, build
// the site: this repository's own (.github/workflows/pages.yml), and the
// example for an author's Docusaurus repository (examples/docusaurus-pages.yml),
// which builds from its docs/ folder where it is, under a path with a space
// and Hangul, and leaves that folder byte for byte as it was.
//
// Each builds a release site (`make dist`), so this file runs beside
// serve.test.mjs with the long timeout (see the Makefile).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, launch, newPage, root } from './harness.mjs';

/** A workflow file as data (PyYAML reads `on:` as the boolean true). */
function workflow(file) {
  const json = execFileSync('python3', ['-c', 'import json,sys,yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1], encoding="utf-8"))))', file], { encoding: 'utf8' });
  const data = JSON.parse(json);
  data.on ??= data.true;
  return data;
}

// The actions a Pages deployment uses, at their current major versions.
const ACTIONS = new Set(['actions/checkout@v4', 'actions/configure-pages@v5', 'actions/cache@v4', 'actions/upload-pages-artifact@v3', 'actions/deploy-pages@v4']);

/** Checks the shape every Pages workflow needs; returns the build job's shell commands. */
function checkPages(wf, name) {
  assert.ok(wf.on.push && 'workflow_dispatch' in wf.on, `${name}: runs on push and by hand`);
  assert.deepEqual(wf.permissions, { contents: 'read', pages: 'write', 'id-token': 'write' }, name);
  assert.deepEqual(Object.keys(wf.jobs), ['build', 'deploy'], name);
  assert.equal(wf.jobs.deploy.needs, 'build');
  assert.equal(wf.jobs.deploy.environment.name, 'github-pages');
  for (const job of Object.values(wf.jobs)) {
    for (const step of job.steps) {
      assert.ok(Boolean(step.uses) !== Boolean(step.run), `${name}: a step either uses an action or runs commands`);
      if (step.uses) assert.ok(ACTIONS.has(step.uses), `${name}: ${step.uses} is not one of ${[...ACTIONS]}`);
    }
  }
  const steps = wf.jobs.build.steps;
  assert.ok(steps.some((s) => s.uses === 'actions/cache@v4'), `${name}: the tools and build are cached`);
  const upload = steps.find((s) => s.uses === 'actions/upload-pages-artifact@v3');
  return { commands: steps.filter((s) => s.run).map((s) => s.run), published: upload.with.path };
}

/** Runs a workflow's commands here, as its runner would, with `env`. */
function run(commands, { cwd, env, baseUrl }) {
  for (const command of commands) {
    const local = command.replaceAll('${{ steps.pages.outputs.base_url }}', baseUrl);
    assert.ok(!local.includes('${{'), `every expression is known: ${local}`);
    execFileSync('bash', ['-euo', 'pipefail', '-c', local], { cwd, env: { ...process.env, ...env }, stdio: 'pipe', maxBuffer: 64 * 1024 * 1024 });
  }
}

/** Every file under `dir` with its SHA-256, by relative path. */
function snapshot(dir) {
  const out = {};
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

const work = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'papershelf-moving-'));
after(() => fs.rmSync(work, { recursive: true, force: true }));

test("the example workflow builds a Docusaurus repository's docs/ where it is, and leaves it unchanged", { timeout: 900_000 }, async () => {
  // The author's repository, at a path with a space and Hangul: its
  // docusaurus.config.js, and docs/ holding the posts and their images.
  const repo = path.join(work, '내 블로그 site');
  const docs = path.join(repo, 'docs');
  fs.mkdirSync(repo, { recursive: true });
  fs.cpSync(path.join(root, 'content'), docs, {
    recursive: true,
    filter: (from) => !['index.json', '_papershelf', 'papershelf.toml'].includes(path.relative(path.join(root, 'content'), from)),
  });
  // Folders of the author's own named as older builds named what they wrote
  // (a category "search" is plausible on a paper-review site): copied whole.
  const own = {
    'search/20251101.md': '# 검색 엔진 논문들\n\n본문.\n',
    'search/data.bin': '\u0000\u0001 the author\'s bytes',
    'search/manifest.json': '{"mine": "search manifest"}\n',
    'drawn/20251102.md': '# 그림 논문들\n\n본문.\n',
    'drawn/20251102.json': '{"version": 1, "hash": "x", "body": []}\n',
  };
  for (const [file, text] of Object.entries(own)) {
    fs.mkdirSync(path.dirname(path.join(docs, file)), { recursive: true });
    fs.writeFileSync(path.join(docs, file), text);
  }
  fs.writeFileSync(
    path.join(repo, 'docusaurus.config.js'),
    "const config = {\n  title: '읽은 논문들',\n  tagline: 'One paper review a day',\n  url: 'https://kim.github.io',\n  baseUrl: '/notes/',\n  i18n: { defaultLocale: 'ko', locales: ['ko'] },\n};\nmodule.exports = config;\n",
  );
  // The starter settings, from that config.
  execFileSync(path.join(root, 'target', 'release', 'papershelf'), ['init', docs], { stdio: 'pipe' });
  assert.match(fs.readFileSync(path.join(docs, 'papershelf.toml'), 'utf8'), /title = "읽은 논문들"/);
  const before = snapshot(docs);
  // papershelf checked out beside it, as the workflow does.
  fs.symlinkSync(root, path.join(repo, 'papershelf'));

  const { commands, published } = checkPages(workflow(path.join(root, 'examples', 'docusaurus-pages.yml')), 'the example');
  run(commands, { cwd: repo, env: { GITHUB_WORKSPACE: repo }, baseUrl: 'https://kim.github.io/notes' });
  assert.deepEqual(snapshot(docs), before, 'docs/ is byte for byte as it was');

  const site = path.join(repo, published);
  const index = JSON.parse(fs.readFileSync(path.join(site, 'content', 'index.json'), 'utf8'));
  const posts = Object.keys(before).filter((f) => /\.mdx?$/.test(f));
  assert.equal(index.posts.length, posts.length);
  // Every file of the author's is in the build, byte for byte.
  const built = snapshot(path.join(site, 'content'));
  for (const [file, sum] of Object.entries(before)) assert.equal(built[file], sum, `content/${file} is the author's`);
  assert.ok(index.posts.some((p) => p.path === 'search/20251101.md'), 'a post in search/ is indexed');
  assert.equal(index.site.title, '읽은 논문들');
  for (const file of ['atom.xml', 'sitemap.xml', `docs/${index.posts[0].path.replace(/\.mdx?$/, '')}/index.html`]) {
    assert.ok(fs.existsSync(path.join(site, file)), file);
  }
  assert.match(fs.readFileSync(path.join(site, 'atom.xml'), 'utf8'), /https:\/\/kim\.github\.io\/notes\/docs\//);

  // The site works: its name, its list, a post.
  const server = await serve(site, { prefix: '/notes/' });
  const browser = await launch();
  try {
    const page = await newPage(browser);
    await page.goto(server.base);
    await page.locator('.post-item').first().waitFor();
    assert.equal(await page.locator('.brand').first().textContent(), '읽은 논문들');
    assert.equal(await page.title(), '읽은 논문들');
    await page.goto(`${server.base}docs/${index.posts[0].path.replace(/\.mdx?$/, '')}/`);
    await page.locator('h1.post-title', { hasText: index.posts[0].title }).waitFor();
    // A post in the author's search/ folder opens (it once was left out of the build).
    await page.goto(`${server.base}#/post/search/20251101`);
    await page.locator('h1.post-title', { hasText: '검색 엔진 논문들' }).waitFor();
    page.assertClean();
  } finally {
    await browser.close();
    await server.close();
  }
});

test("this repository's Pages workflow builds the site here, with its feeds at the Pages URL", { timeout: 900_000 }, () => {
  const { commands, published } = checkPages(workflow(path.join(root, '.github', 'workflows', 'pages.yml')), 'pages.yml');
  assert.equal(published, 'dist');
  // Built into a folder of its own (DIST), so the tests' dist/ stays as it is.
  const out = path.join(work, 'pages-dist');
  run(commands, { cwd: root, env: { DIST: out }, baseUrl: 'https://you.github.io/reviews' });
  const atom = fs.readFileSync(path.join(out, 'atom.xml'), 'utf8');
  assert.match(atom, /<link rel="self" type="application\/atom\+xml" href="https:\/\/you\.github\.io\/reviews\/atom\.xml"\/>/);
  assert.ok(fs.existsSync(path.join(out, 'sw.js')) && fs.existsSync(path.join(out, 'sitemap.xml')));
});
